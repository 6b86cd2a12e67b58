package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.health.HealthRollup;
import vn.loa.controller.health.HealthSample;
import vn.loa.controller.health.HourlyHealth;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.station.StationRepository;

/**
 * {@code GET /api/v1/stations/{id}/health?from=&to=&resolution=raw|hourly}: a station's health history.
 * Without a resolution: raw samples when the range lies within the raw retention (7 days) and spans
 * at most 2 days, hourly rows otherwise. Without a range: the last hour.
 */
public final class HealthEndpoints {
    private static final int MAX_ROWS = 20_000;
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    private static final Duration RAW_AUTO_SPAN = Duration.ofDays(2);

    private final HealthRepository health;
    private final StationRepository stations;
    private final StationLinks links;
    private final Clock clock;
    private final ScopeGuard scopes;

    public HealthEndpoints(HealthRepository health, StationRepository stations, StationLinks links, Clock clock,
            ScopeGuard scopes) {
        this.scopes = scopes;
        this.health = health;
        this.stations = stations;
        this.links = links;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/stations/{id}/health", this::history);
    }

    private ApiResponse history(ApiRequest r) {
        long id = r.pathId("id");
        var station = stations.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id));
        scopes.of(r.account()).requireStation(id);
        Instant now = clock.instant();
        Instant to = PlayEndpoints.instant(r, "to");
        Instant from = PlayEndpoints.instant(r, "from");
        to = to == null ? now.plusSeconds(1) : to;
        from = from == null ? to.minus(DEFAULT_RANGE) : from;
        if (!from.isBefore(to)) {
            throw RejectionCode.NOT_AFTER.reject("to", "from");
        }
        String resolution = r.queryParam("resolution");
        if (resolution == null) {
            boolean rawKept = !from.isBefore(now.minus(HealthRollup.RAW_RETENTION));
            resolution = rawKept && Duration.between(from, to).compareTo(RAW_AUTO_SPAN) <= 0 ? "raw" : "hourly";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", id);
        out.put("stationName", station.name());
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("resolution", resolution);
        var session = links.link(id);
        out.put("online", session.isPresent());
        out.put("lastSeenAt", Json.utc(session.map(StationLink::lastSeen).orElse(station.lastSeenAt())));
        switch (resolution) {
            case "raw" -> {
                List<HealthSample> rows = health.raw(id, from, to, MAX_ROWS + 1);
                out.put("truncated", rows.size() > MAX_ROWS);
                out.put("samples", rows.stream().limit(MAX_ROWS).map(HealthEndpoints::view).toList());
            }
            case "hourly" -> {
                List<HourlyHealth> rows = health.hourly(id, from, to, MAX_ROWS + 1);
                out.put("truncated", rows.size() > MAX_ROWS);
                out.put("samples", rows.stream().limit(MAX_ROWS).map(HealthEndpoints::view).toList());
            }
            default -> throw RejectionCode.NOT_ONE_OF.reject("resolution", resolution, java.util.List.of("raw", "hourly"));
        }
        return ApiResponse.ok(out);
    }

    static Map<String, Object> view(HealthSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.sampledAt().toString());
        m.put("uptimeMs", s.uptimeMs());
        m.put("cpuLoad", s.cpuLoad());
        m.put("cpuTemperatureC", s.cpuTempC());
        m.put("memoryTotalBytes", s.memTotal());
        m.put("memoryAvailableBytes", s.memAvailable());
        m.put("diskFreeBytes", s.diskFree());
        m.put("diskTotalBytes", s.diskTotal());
        m.put("linkRttMs", s.linkRttUs() / 1000.0);
        m.put("clockOffsetMs", s.clockOffsetUs() / 1000.0);
        m.put("clockSynchronised", s.clockSynchronised());
        m.put("agentVersion", s.agentVersion());
        m.put("sensorsKnown", s.sensorsKnown());
        m.put("amplifierPowered", s.amplifierPowered());
        m.put("amplifierFault", s.sensorsKnown() ? s.amplifierFault() : null);
        m.put("mainsPresent", s.sensorsKnown() ? s.mainsPresent() : null);
        m.put("doorOpen", s.sensorsKnown() ? s.doorOpen() : null);
        m.put("relaysOn", s.relaysOn());
        m.put("failedZones", s.failedZones());
        m.put("outputLevelDbfs", s.outputLevelDbfs());
        m.put("volumePercent", s.volumePercent());
        m.put("playingItemId", s.playingItemId() == null || s.playingItemId().isEmpty() ? null : s.playingItemId());
        m.put("playFailuresTotal", s.playFailuresTotal());
        m.put("consecutivePlayFailures", s.consecutiveFailures());
        m.put("streamUnderruns", s.streamUnderruns());
        m.put("outboxPending", s.outboxPending());
        return m;
    }

    static Map<String, Object> view(HourlyHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hourStart", h.hourStart().toString());
        m.put("samples", h.samples());
        m.put("cpuLoadAvg", h.cpuLoadAvg());
        m.put("cpuLoadMax", h.cpuLoadMax());
        m.put("cpuTemperatureAvgC", h.cpuTempAvgC());
        m.put("cpuTemperatureMaxC", h.cpuTempMaxC());
        m.put("memoryAvailableMinBytes", h.memAvailableMin());
        m.put("diskFreeMinBytes", h.diskFreeMin());
        m.put("linkRttAvgMs", h.linkRttAvgUs() == null ? null : h.linkRttAvgUs() / 1000.0);
        m.put("linkRttMaxMs", h.linkRttMaxUs() == null ? null : h.linkRttMaxUs() / 1000.0);
        m.put("clockOffsetMaxAbsMs", h.clockOffsetMaxAbsUs() == null ? null : h.clockOffsetMaxAbsUs() / 1000.0);
        m.put("unsynchronisedSamples", h.unsynchronisedSamples());
        m.put("amplifierFaultSamples", h.amplifierFaultSamples());
        m.put("mainsLostSamples", h.mainsLostSamples());
        m.put("doorOpenSamples", h.doorOpenSamples());
        m.put("outputLevelMaxDbfs", h.outputLevelMaxDbfs());
        m.put("playFailuresTotalMax", h.playFailuresMax());
        m.put("streamUnderrunsMax", h.streamUnderrunsMax());
        return m;
    }
}
