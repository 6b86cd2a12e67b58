package vn.loa.controller.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Scope;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.Zone;

/**
 * The caller's scope applied to the API (docs/accounts.md#scopes): lists keep what lies inside it; a
 * single object or a target id outside it is answered 404 (as if it did not exist); a change to an object the
 * caller sees that also reaches outside the scope is 403, naming nothing outside.
 */
public final class ScopeGuard {
    private final AreaRepository areas;
    private final StationRepository stations;

    public ScopeGuard(AreaRepository areas, StationRepository stations) {
        this.areas = areas;
        this.stations = stations;
    }

    /** The scope of one request, over a snapshot of the area tree and the stations. */
    public View of(Account account) {
        AreaTree tree = new AreaTree(areas.findAll());
        return new View(Scope.of(account, tree), tree, account.scopeAreaId() == null ? null : stations.findAll());
    }

    public static final class View {
        private final Scope scope;
        private final AreaTree tree;
        private final Map<Long, Station> stationsById = new HashMap<>();
        private final Map<Long, Zone> zonesById = new HashMap<>();

        View(Scope scope, AreaTree tree, List<Station> stations) {
            this.scope = scope;
            this.tree = tree;
            if (stations != null) {
                for (Station s : stations) {
                    stationsById.put(s.id(), s);
                    s.zones().forEach(z -> zonesById.put(z.id(), z));
                }
            }
        }

        public boolean everything() {
            return scope.everything();
        }

        public Scope scope() {
            return scope;
        }

        public AreaTree tree() {
            return tree;
        }

        public boolean areaVisible(Long areaId) {
            return scope.containsArea(areaId);
        }

        public boolean stationVisible(long stationId) {
            if (everything()) {
                return true;
            }
            Station s = stationsById.get(stationId);
            return s != null && inside(s);
        }

        /** Stations inside the scope (null = every station). */
        public Set<Long> visibleStationIds() {
            if (everything()) {
                return null;
            }
            return stationsById.values().stream().filter(this::inside).map(Station::id)
                    .collect(Collectors.toSet());
        }

        /** 404 (as for an unknown id) when the station is outside the scope. */
        public void requireStation(long stationId) {
            if (!stationVisible(stationId)) {
                throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, stationId);
            }
        }

        /**
         * Before anything else on a request that names targets: for an account with a scope, every station, area
         * and zone id must exist and lie inside the scope, else the one 404 {@code NOT_FOUND} of an unknown id —
         * "outside your scope" and "does not exist" answer the same (same status, code and text), so a target id
         * reveals nothing (docs/accounts.md#scopes). An area wider than the scope is outside it too. For an admin
         * (no scope) nothing is checked here: unknown ids are listed by validation (400).
         */
        public void requireTargets(Targets t) {
            if (everything() || t == null) {
                return;
            }
            for (long id : nonNull(t.stationIds())) {
                Station s = stationsById.get(id);
                if (s == null || !inside(s)) {
                    throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
                }
            }
            for (long id : nonNull(t.areaIds())) {
                requireArea(id);
            }
            for (long id : nonNull(t.zoneIds())) {
                Zone z = zonesById.get(id);
                if (z == null || !inside(z)) {
                    throw RejectionCode.NOT_FOUND.reject(ObjectKind.ZONE, id);
                }
            }
        }

        /** 404 (as for an unknown id) when the area does not exist or lies outside (or above) the scope. */
        public void requireArea(long areaId) {
            if (!tree.contains(areaId) || !scope.containsArea(areaId)) {
                throw RejectionCode.NOT_FOUND.reject(ObjectKind.AREA, areaId);
            }
        }

        /**
         * 403 when an object the caller sees (so its id is no secret) also reaches beyond the scope: a
         * province-wide schedule is the commune operator's to read, not to change. The refusal names only the
         * object, never the targets outside the scope.
         */
        public void requireWhole(ObjectKind kind, long id, Targets t) {
            if (everything() || t == null) {
                return;
            }
            boolean outside = nonNull(t.areaIds()).stream().anyMatch(a -> !scope.containsArea(a))
                    || nonNull(t.stationIds()).stream().anyMatch(s -> !stationVisible(s))
                    || nonNull(t.zoneIds()).stream().anyMatch(z -> zonesById.get(z) == null || !inside(zonesById.get(z)));
            if (outside) {
                throw RejectionCode.REACHES_OUTSIDE_SCOPE.reject(kind, id);
            }
        }

        /**
         * Whether the caller sees something aimed at these targets: one of them lies inside the scope, or an
         * area target contains the scope (a province-wide schedule reaches the commune too).
         */
        public boolean sees(Targets t) {
            if (everything()) {
                return true;
            }
            if (t == null) {
                return false;
            }
            for (long id : nonNull(t.areaIds())) {
                if (scope.containsArea(id) || scope.isAbove(id)) {
                    return true;
                }
            }
            for (long id : nonNull(t.stationIds())) {
                if (stationVisible(id)) {
                    return true;
                }
            }
            for (long id : nonNull(t.zoneIds())) {
                Zone z = zonesById.get(id);
                if (z != null && inside(z)) {
                    return true;
                }
            }
            return false;
        }

        /** A station is inside the scope when its area is. */
        private boolean inside(Station s) {
            return scope.containsArea(s.areaId());
        }

        /** A zone is inside when the village it serves is, or its station is. */
        private boolean inside(Zone z) {
            Station station = stationsById.get(z.stationId());
            return scope.containsArea(z.areaId()) || (station != null && inside(station));
        }

        private static List<Long> nonNull(List<Long> ids) {
            return ids == null ? List.of() : ids;
        }
    }
}
