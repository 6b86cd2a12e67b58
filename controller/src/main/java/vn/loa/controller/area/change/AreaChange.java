package vn.loa.controller.area.change;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.loa.controller.area.AreaKind;

/** One change of the area tree, effective on a day (docs/areas.md). */
public sealed interface AreaChange {
    LocalDate effective();

    ChangeKind kind();

    /** A new unit, existing from {@code effective} (a new commune under the province; a new village). */
    record Create(LocalDate effective, Long parentId, String name, AreaKind areaKind, String code) implements AreaChange {
        public ChangeKind kind() {
            return ChangeKind.CREATE;
        }
    }

    /** A new name and/or code for the same unit. */
    record Rename(LocalDate effective, long areaId, String name, String code) implements AreaChange {
        public ChangeKind kind() {
            return ChangeKind.RENAME;
        }
    }

    /** The unit goes under another parent (a commune under the province when districts end). */
    record Move(LocalDate effective, long areaId, long parentId) implements AreaChange {
        public ChangeKind kind() {
            return ChangeKind.MOVE;
        }
    }

    /** The unit ends without successor; it must hold nothing any more. */
    record Retire(LocalDate effective, long areaId) implements AreaChange {
        public ChangeKind kind() {
            return ChangeKind.RETIRE;
        }
    }

    /**
     * Units end and successors take what they held: a merge (several → one) or a split (one →
     * several). {@code assign} says which successor (by index into {@code successors}) takes each
     * child area, station, zone and scoped account of an ended unit; with one successor nothing
     * needs saying.
     */
    record Reorganise(LocalDate effective, ChangeKind kind, List<Long> ended, List<Successor> successors,
            Assignment assign) implements AreaChange {
        public Reorganise {
            if (kind != ChangeKind.MERGE && kind != ChangeKind.SPLIT) {
                throw new IllegalArgumentException("a reorganisation is a MERGE or a SPLIT, not " + kind);
            }
            ended = List.copyOf(ended);
            successors = List.copyOf(successors);
        }
    }

    /** A successor: a new unit, or an existing one that absorbs (part of) the ended units. */
    sealed interface Successor {
    }

    record NewUnit(String name, String code, AreaKind kind, Long parentId) implements Successor {
    }

    record Existing(long areaId) implements Successor {
    }

    /** Subject id → successor index, per kind of subject. */
    record Assignment(Map<Long, Integer> areas, Map<Long, Integer> stations, Map<Long, Integer> zones,
            Map<Long, Integer> accounts) {
        public static final Assignment NONE = new Assignment(Map.of(), Map.of(), Map.of(), Map.of());

        public Assignment {
            areas = Map.copyOf(areas);
            stations = Map.copyOf(stations);
            zones = Map.copyOf(zones);
            accounts = Map.copyOf(accounts);
        }
    }
}
