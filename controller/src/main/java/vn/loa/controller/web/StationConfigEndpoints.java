package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.stationconfig.ConfigPush;
import vn.loa.controller.stationconfig.StationConfigService;
import vn.loa.protocol.hardwarefile.ConfigError;

/**
 * Remote configuration (docs/configuration.md): validate a hardware file, push it to a station, read the station's
 * configuration history. Admins and technicians, within their scope; every push is audited.
 */
public final class StationConfigEndpoints {
    private final StationConfigService configs;
    private final StationRepository stations;
    private final ScopeGuard scopes;

    public StationConfigEndpoints(StationConfigService configs, StationRepository stations, ScopeGuard scopes) {
        this.configs = configs;
        this.stations = stations;
        this.scopes = scopes;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/hardware-file/validate", r -> {
            List<ConfigError> errors = configs.validate(file(r));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("valid", errors.isEmpty());
            m.put("errors", errors.stream().map(e -> Map.of("line", e.line(), "message", e.message())).toList());
            return ApiResponse.ok(m);
        });
        router.add(HttpMethod.POST, "/api/v1/stations/{id}/hardware-file", this::push);
        router.add(HttpMethod.POST, "/api/v1/station-settings/validate", r -> {
            List<ConfigError> errors = configs.validateSettings(text(r, "stationSettings"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("valid", errors.isEmpty());
            m.put("errors", errors.stream().map(e -> Map.of("line", e.line(), "message", e.message())).toList());
            return ApiResponse.ok(m);
        });
        router.add(HttpMethod.POST, "/api/v1/stations/{id}/settings", this::pushSettings);
        router.add(HttpMethod.GET, "/api/v1/stations/{id}/config-history", r -> {
            long id = station(r);
            return ApiResponse.ok(configs.history(id).stream().map(StationConfigEndpoints::view).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/config-pushes/{id}", r -> {
            long id = r.pathId("id");
            ConfigPush p = configs.find(id).filter(x -> scopes.of(r.account()).stationVisible(x.stationId()))
                    .orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.CONFIG_PUSH, id));
            return ApiResponse.ok(view(p));
        });
    }

    private ApiResponse push(ApiRequest r) {
        if (!r.account().role().mayManageStations()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, Action.CONFIGURE_STATIONS);
        }
        long id = station(r);
        String file = file(r);
        ConfigPush p = switch (configs.push(id, file, r.account().id())) {
            case StationConfigService.Outcome.Sent sent -> sent.push();
            case StationConfigService.Outcome.Invalid invalid -> throw new Rejection(invalid.errors().stream()
                    .map(StationConfigEndpoints::problem).toList());
            case StationConfigService.Outcome.Offline o -> throw RejectionCode.STATION_OFFLINE.reject(id);
            case StationConfigService.Outcome.NotSupported n -> throw RejectionCode.AGENT_WITHOUT_CONFIG.reject(id);
        };
        r.audit("station:" + id, "hardware file pushed (config push " + p.id() + ")");
        return ApiResponse.created(view(p)).withHeader("Location", "/api/v1/config-pushes/" + p.id());
    }

    /** The smallest and largest trial time of pushed settings, in seconds; the default. */
    static final int MIN_TRIAL_SECONDS = 5;
    static final int MAX_TRIAL_SECONDS = 3600;
    static final int DEFAULT_TRIAL_SECONDS = 120;

    private ApiResponse pushSettings(ApiRequest r) {
        if (!r.account().role().mayManageStations()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, Action.CONFIGURE_STATIONS);
        }
        long id = station(r);
        String text = text(r, "stationSettings");
        var trial = r.jsonBody().path("trialSeconds");
        int seconds = trial.isMissingNode() || trial.isNull() ? DEFAULT_TRIAL_SECONDS : trial.asInt(-1);
        if (!trial.isMissingNode() && !trial.isNull() && (!trial.canConvertToInt() || seconds < MIN_TRIAL_SECONDS
                || seconds > MAX_TRIAL_SECONDS)) {
            throw RejectionCode.OUT_OF_RANGE.reject("trialSeconds", MIN_TRIAL_SECONDS, MAX_TRIAL_SECONDS);
        }
        ConfigPush p = switch (configs.pushSettings(id, text, seconds, r.account().id())) {
            case StationConfigService.Outcome.Sent sent -> sent.push();
            case StationConfigService.Outcome.Invalid invalid -> throw new Rejection(invalid.errors().stream()
                    .map(e -> RejectionCode.SETTINGS_ERROR.problem(e.line(), e.message())).toList());
            case StationConfigService.Outcome.Offline o -> throw RejectionCode.STATION_OFFLINE.reject(id);
            case StationConfigService.Outcome.NotSupported n -> throw RejectionCode.AGENT_WITHOUT_CONFIG.reject(id);
        };
        r.audit("station:" + id, "station settings pushed (config push " + p.id() + ", trial " + seconds + " s)");
        return ApiResponse.created(view(p)).withHeader("Location", "/api/v1/config-pushes/" + p.id());
    }

    private long station(ApiRequest r) {
        long id = r.pathId("id");
        scopes.of(r.account()).requireStation(id);
        if (stations.find(id).isEmpty()) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
        }
        return id;
    }

    private static String file(ApiRequest r) {
        return text(r, "hardwareFile");
    }

    private static String text(ApiRequest r, String field) {
        var body = r.jsonBody();
        if (!body.path(field).isTextual()) {
            throw RejectionCode.REQUIRED.reject(field);
        }
        String text = body.get(field).asText();
        if (text.length() > StationConfigService.MAX_FILE_CHARS) {
            throw RejectionCode.TOO_LONG.reject(field, StationConfigService.MAX_FILE_CHARS);
        }
        return text;
    }

    private static Problem problem(ConfigError e) {
        return e.line() > 0 ? RejectionCode.HARDWARE_FILE_ERROR.problem(e.line(), e.message())
                : RejectionCode.HARDWARE_FILE_INCOMPLETE.problem(e.message());
    }

    static Map<String, Object> view(ConfigPush p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("stationId", p.stationId());
        m.put("state", p.state().name());
        m.put("reason", p.reason());
        m.put("errors", p.errors().stream().map(e -> Map.of("line", e.line(), "message", e.message())).toList());
        m.put("testedZoneIds", p.testedZones());
        m.put("pushedBy", p.pushedBy());
        m.put("pushedAt", Json.utc(p.pushedAt()));
        m.put("changedAt", Json.utc(p.changedAt()));
        m.put("file", p.file().name());
        m.put(p.file() == ConfigPush.File.HARDWARE_FILE ? "hardwareFile" : "stationSettings", p.text());
        return m;
    }
}
