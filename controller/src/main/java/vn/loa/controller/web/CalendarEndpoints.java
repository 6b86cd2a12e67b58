package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.ScheduleCalendar;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;

/**
 * {@code GET /api/v1/calendar?from=&to=&stationId=|areaId=}: every run of the active schedules in a window
 * (default: this week, Monday to Monday in Vietnam), optionally only on one station or on the stations of an
 * area, with the conflicts (two runs overlapping on one station).
 */
public final class CalendarEndpoints {
    static final Duration MAX_WINDOW = Duration.ofDays(62);

    private final ScheduleRepository schedules;
    private final AreaRepository areas;
    private final StationRepository stations;
    private final BulletinRepository bulletins;
    private final Clock clock;

    private final ScopeGuard scopes;

    public CalendarEndpoints(ScheduleRepository schedules, AreaRepository areas, StationRepository stations,
            BulletinRepository bulletins, Clock clock, ScopeGuard scopes) {
        this.scopes = scopes;
        this.schedules = schedules;
        this.areas = areas;
        this.stations = stations;
        this.bulletins = bulletins;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/calendar", this::calendar);
    }

    private ApiResponse calendar(ApiRequest r) {
        Instant from = PlayEndpoints.instant(r, "from");
        Instant to = PlayEndpoints.instant(r, "to");
        Long stationId = r.queryLong("stationId");
        Long areaId = r.queryLong("areaId");
        if (from == null) {
            from = LocalDate.now(clock.withZone(Json.VIETNAM)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(Json.VIETNAM).toInstant();
        }
        if (to == null) {
            to = from.plus(Duration.ofDays(7));
        }
        if (!to.isAfter(from)) {
            throw RejectionCode.NOT_AFTER.reject("to", "from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw RejectionCode.WINDOW_TOO_LONG.reject("to", MAX_WINDOW.toDays());
        }
        if (stationId != null && areaId != null) {
            throw RejectionCode.EITHER_NOT_BOTH.reject("stationId", "areaId");
        }
        List<Station> all = stations.findAll();
        AreaTree tree = new AreaTree(areas.findAll());
        Set<Long> only = null;
        if (stationId != null) {
            long id = stationId;
            if (all.stream().noneMatch(s -> s.id() == id)) {
                throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
            }
            only = Set.of(id);
        } else if (areaId != null) {
            if (!tree.contains(areaId)) {
                throw RejectionCode.NOT_FOUND.reject(ObjectKind.AREA, areaId);
            }
            Set<Long> subtree = tree.subtree(areaId);
            only = new HashSet<>(new TargetResolver(tree, all)
                    .resolve(new Targets(List.of(), List.of(areaId), List.of())).stationIds());
            for (Station s : all) {
                if (subtree.contains(s.areaId())) {
                    only.add(s.id());
                }
            }
        }
        ScopeGuard.View scope = scopes.of(r.account());
        if (!scope.everything()) {
            // a scoped account sees the runs of its own stations only
            if (stationId != null) {
                scope.requireStation(stationId);
            }
            Set<Long> visible = scope.visibleStationIds();
            if (only == null) {
                only = visible;
            } else {
                only = new HashSet<>(only);
                only.retainAll(visible);
            }
        }
        Map<Long, Bulletin> byId = bulletins.findAll().stream().collect(Collectors.toMap(Bulletin::id, Function.identity()));
        ScheduleCalendar.Result result;
        try {
            result = ScheduleCalendar.expand(schedules.findActive(), tree, all, byId, from, to, only);
        } catch (ScheduleCalendar.TooManyRunsException e) {
            throw e.scheduleId() == null ? RejectionCode.TOO_MANY_RUNS.reject(e.max()) : RejectionCode.TOO_MANY_RUNS_OF_SCHEDULE.reject(e.scheduleId());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", Json.local(from));
        out.put("to", Json.local(to));
        out.put("stationId", stationId);
        out.put("areaId", areaId);
        out.put("runs", result.runs().stream().map(CalendarEndpoints::run).toList());
        out.put("conflicts", result.conflicts().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stationId", c.stationId());
            m.put("first", run(c.first()));
            m.put("second", run(c.second()));
            return m;
        }).toList());
        out.put("conflictsTruncated", result.conflictsTruncated());
        return ApiResponse.ok(out);
    }

    private static Map<String, Object> run(ScheduleCalendar.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheduleId", run.scheduleId());
        m.put("title", run.title());
        m.put("bulletinId", run.bulletinId());
        m.put("priority", run.priority().name());
        m.put("start", Json.local(run.start()));
        m.put("end", Json.local(run.end()));
        m.put("durationMs", run.durationMs());
        m.put("stationIds", run.stationIds().stream().sorted().toList());
        return m;
    }
}
