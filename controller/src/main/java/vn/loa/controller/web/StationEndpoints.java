package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.StationService;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Expected;

/** Stations, their zones and whether they are online. */
public final class StationEndpoints {
    private static final int MAX_ZONES = 64;

    private final StationRepository stations;
    private final StationService service;
    private final StationLinks links;
    private final PlanService plans;
    private final ScopeGuard scopes;
    private final vn.loa.controller.alarm.AlarmService alarms;

    public StationEndpoints(StationRepository stations, StationService service, StationLinks links,
            PlanService plans, ScopeGuard scopes, vn.loa.controller.alarm.AlarmService alarms) {
        this.scopes = scopes;
        this.alarms = alarms;
        this.stations = stations;
        this.service = service;
        this.links = links;
        this.plans = plans;
    }

    public void register(Router router) {
        router.visibility(vn.loa.controller.rejection.ObjectKind.STATION,
                (caller, id) -> stations.find(id).isPresent() && scopes.of(caller).stationVisible(id));
        router.add(HttpMethod.GET, "/api/v1/stations", r -> {
            ScopeGuard.View scope = scopes.of(r.account());
            return ApiResponse.ok(stations.findAll().stream().filter(s -> scope.stationVisible(s.id()))
                    .map(this::view).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/stations/{id}", this::one);
        router.add(HttpMethod.POST, "/api/v1/stations", this::create);
    }

    private ApiResponse one(ApiRequest request) {
        long id = request.pathId("id");
        Station s = stations.find(id).orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.STATION, id));
        scopes.of(request.account()).requireStation(id);
        Map<String, Object> view = view(s);
        var plan = plans.planOf(id);
        view.put("currentPlanVersion", plan.getVersion());
        view.put("plannedItems", plan.getItemsCount());
        return ApiResponse.ok(view);
    }

    private ApiResponse create(ApiRequest request) {
        if (!request.account().role().mayManageStations()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_TECHNICIAN, vn.loa.controller.rejection.Action.ADD_STATIONS);
        }
        JsonNode body = request.jsonBody();
        Problems errors = new Problems();
        String name = Json.text(body, "name", 200, errors);
        Long areaId = Json.id(body, "areaId", errors);
        List<StationRepository.NewZone> zones = new ArrayList<>();
        JsonNode zonesJson = body.get("zones");
        if (zonesJson != null && !zonesJson.isNull()) {
            if (!zonesJson.isArray()) {
                errors.add(RejectionCode.WRONG_TYPE, "zones", Expected.LIST);
            } else if (zonesJson.size() > MAX_ZONES) {
                errors.add(RejectionCode.TOO_MANY, "zones", MAX_ZONES);
            } else {
                for (int i = 0; i < zonesJson.size(); i++) {
                    JsonNode z = zonesJson.get(i);
                    if (!z.isObject()) {
                        errors.add(RejectionCode.WRONG_TYPE, "zones[" + i + "]", Expected.OBJECT);
                        continue;
                    }
                    int before = errors.list().size();
                    String zoneName = Json.text(z, "name", "zones[" + i + "].name", 200, errors);
                    Long zoneArea = z.hasNonNull("areaId") ? Json.id(z, "areaId", "zones[" + i + "].areaId", errors) : null;
                    if (errors.list().size() == before) {
                        zones.add(new StationRepository.NewZone(zoneName, zoneArea));
                    }
                }
            }
        }
        errors.throwIfAny();
        ScopeGuard.View scope = scopes.of(request.account());
        if (!scope.everything()) {
            // an area outside the scope answers as one that does not exist (docs/accounts.md#scopes)
            scope.requireArea(areaId);
            for (var z : zones) {
                if (z.areaId() != null) {
                    scope.requireArea(z.areaId());
                }
            }
        }
        StationService.Created created = service.create(name, areaId, zones);
        plans.markDirty(created.station().id());
        Map<String, Object> out = view(created.station());
        out.put("secret", created.secret());
        return ApiResponse.created(out).withHeader("Location", "/api/v1/stations/" + created.station().id());
    }

    private Map<String, Object> view(Station s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("areaId", s.areaId());
        m.put("zones", s.zones().stream().map(z -> {
            Map<String, Object> zm = new LinkedHashMap<>();
            zm.put("id", z.id());
            zm.put("name", z.name());
            zm.put("areaId", z.areaId());
            return zm;
        }).toList());
        // at risk of losing its link: a weak signal or a data plan near its end (docs/updates.md#cellular-link-health)
        var risks = vn.loa.controller.alarm.StationRisk.of(alarms.activeConditions(s.id()));
        m.put("atRisk", !risks.isEmpty());
        m.put("risks", risks.stream().map(Enum::name).toList());
        var session = links.link(s.id());
        m.put("online", session.isPresent());
        m.put("lastSeenAt", Json.utc(session.map(StationLink::lastSeen).orElse(s.lastSeenAt())));
        m.put("latitude", s.latitude());
        m.put("longitude", s.longitude());
        session.ifPresent(ss -> {
            m.put("clockSynchronised", ss.lastHeartbeat().getClockSynchronised());
            // handed to the local mixer (a switch at the station or the SET_LOCAL_MODE command)
            m.put("localMode", ss.lastHeartbeat().getLocalMode());
            m.put("playingItemId", ss.lastHeartbeat().getPlayingItemId());
            m.put("planVersion", ss.ackedPlanVersion());
            // the agent release it runs (docs/updates.md)
            m.put("agentVersion", ss.lastHeartbeat().getAgentVersion());
        });
        return m;
    }
}
