package vn.loa.controller.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;

/**
 * Turns targets into the zones they reach, station by station: a station means all its zones; an
 * area means every station in its subtree (all zones) and every zone serving a village in it; a
 * zone means that zone.
 */
public final class TargetResolver {
    private final AreaTree areas;
    private final Map<Long, Station> stations = new HashMap<>();
    private final Map<Long, Zone> zones = new HashMap<>();

    public TargetResolver(AreaTree areas, List<Station> stationList) {
        this.areas = areas;
        for (Station s : stationList) {
            stations.put(s.id(), s);
            for (Zone z : s.zones()) {
                zones.put(z.id(), z);
            }
        }
    }

    /** The reasons these targets are invalid, in English; empty when they are fine. */
    public List<String> problems(Targets targets) {
        return check(targets).stream().map(Problem::english).toList();
    }

    /** The reasons these targets are invalid, each with its code; empty when they are fine. */
    public List<Problem> check(Targets targets) {
        List<Problem> problems = new ArrayList<>();
        if (targets.isEmpty()) {
            problems.add(RejectionCode.TARGETS_EMPTY.problem());
            return problems;
        }
        for (long id : targets.stationIds()) {
            if (!stations.containsKey(id)) {
                problems.add(RejectionCode.DOES_NOT_EXIST.problem("targets.stationIds", ObjectKind.STATION, id));
            }
        }
        for (long id : targets.areaIds()) {
            if (!areas.contains(id)) {
                problems.add(RejectionCode.DOES_NOT_EXIST.problem("targets.areaIds", ObjectKind.AREA, id));
            }
        }
        for (long id : targets.zoneIds()) {
            if (!zones.containsKey(id)) {
                problems.add(RejectionCode.DOES_NOT_EXIST.problem("targets.zoneIds", ObjectKind.ZONE, id));
            }
        }
        if (problems.isEmpty() && resolve(targets).isEmpty()) {
            problems.add(RejectionCode.TARGETS_REACH_NOTHING.problem());
        }
        return problems;
    }

    /** Station id → the zones reached there. Unknown ids are ignored. */
    public Reach resolve(Targets targets) {
        TreeMap<Long, SortedSet<Long>> out = new TreeMap<>();
        for (long id : targets.stationIds()) {
            Station s = stations.get(id);
            if (s != null) {
                s.zones().forEach(z -> add(out, s.id(), z.id()));
            }
        }
        for (long areaId : targets.areaIds()) {
            if (!areas.contains(areaId)) {
                continue;
            }
            Set<Long> subtree = areas.subtree(areaId);
            for (Station s : stations.values()) {
                if (subtree.contains(s.areaId())) {
                    s.zones().forEach(z -> add(out, s.id(), z.id()));
                }
            }
            for (Zone z : zones.values()) {
                if (z.areaId() != null && subtree.contains(z.areaId())) {
                    add(out, z.stationId(), z.id());
                }
            }
        }
        for (long id : targets.zoneIds()) {
            Zone z = zones.get(id);
            if (z != null) {
                add(out, z.stationId(), z.id());
            }
        }
        return new Reach(out);
    }

    /** Station id → zone ids, both ordered. */
    public record Reach(TreeMap<Long, SortedSet<Long>> byStation) {
        public boolean isEmpty() {
            return byStation.isEmpty();
        }

        public Set<Long> stationIds() {
            return byStation.keySet();
        }

        public SortedSet<Long> zonesOf(long stationId) {
            return byStation.getOrDefault(stationId, new TreeSet<>());
        }
    }

    private static void add(TreeMap<Long, SortedSet<Long>> out, long stationId, long zoneId) {
        out.computeIfAbsent(stationId, k -> new TreeSet<>()).add(zoneId);
    }
}
