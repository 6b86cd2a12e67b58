package vn.loa.controller.area.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;

/**
 * Decides a merge or split from the tree as it is today, pure: every child area, station, zone and
 * scoped account of an ended unit goes to exactly one successor — the only one, or the one the
 * request names. Anything left unassigned is a problem a person must answer; nothing is guessed.
 */
public final class ReorganisationPlanner {
    private ReorganisationPlanner() {
    }

    /** The plan, or the problems that stop it. */
    public sealed interface Result {
    }

    public record Planned(ReorganisationPlan plan) implements Result {
    }

    public record Refused(List<String> problems) implements Result {
    }

    /**
     * @param accountScopes account id → the area it is scoped to (accounts without scope left out)
     */
    public static Result plan(AreaChange.Reorganise change, AreaTree today, List<Station> stations,
            Map<Long, Long> accountScopes) {
        List<String> problems = new ArrayList<>();
        List<Long> ended = change.ended();
        int n = change.successors().size();
        if (ended.isEmpty() || n == 0) {
            problems.add("name at least one unit that ends and one successor");
            return new Refused(problems);
        }
        checkShape(change, today, problems);
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        checkKindsAndSuccessors(change, today, problems);
        Placements placed = placements(change, today, stations, accountScopes, problems);
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        return new Planned(new ReorganisationPlan(ended, change.successors(), placed.children(), placed.stations(),
                placed.zones(), placed.accounts(), edges(ended, n, placed)));
    }

    /** What the change itself must be: no unit ended twice, a split or merge of the right arity, units of today. */
    private static void checkShape(AreaChange.Reorganise change, AreaTree today, List<String> problems) {
        List<Long> ended = change.ended();
        int n = change.successors().size();
        if (new HashSet<>(ended).size() != ended.size()) {
            problems.add("ended: a unit is named twice");
        }
        if (change.kind() == ChangeKind.SPLIT && (ended.size() != 1 || n < 2)) {
            problems.add("a split ends one unit and names at least two successors");
        }
        if (change.kind() == ChangeKind.MERGE && n != 1) {
            problems.add("a merge names one successor");
        }
        for (long id : ended) {
            if (!today.contains(id)) {
                problems.add("ended: area " + id + " does not exist today");
            }
        }
    }

    /** The ended units are of one kind; each successor is a unit of today that does not end, or a named new one. */
    private static void checkKindsAndSuccessors(AreaChange.Reorganise change, AreaTree today, List<String> problems) {
        List<Long> ended = change.ended();
        var kind = today.get(ended.get(0)).orElseThrow().kind();
        for (long id : ended) {
            if (today.get(id).orElseThrow().kind() != kind) {
                problems.add("ended: " + name(today, id) + " is not a " + kind + " like " + name(today, ended.get(0)));
            }
        }
        for (int i = 0; i < change.successors().size(); i++) {
            switch (change.successors().get(i)) {
                case AreaChange.Existing e -> {
                    if (!today.contains(e.areaId()) || ended.contains(e.areaId())) {
                        problems.add("successors[" + i + "]: area " + e.areaId() + " does not exist today or ends here");
                    }
                }
                case AreaChange.NewUnit u -> {
                    if (u.name() == null || u.name().isBlank()) {
                        problems.add("successors[" + i + "]: a new unit needs a name");
                    }
                    if (u.parentId() != null && (!today.contains(u.parentId()) || ended.contains(u.parentId()))) {
                        problems.add("successors[" + i + "]: parent " + u.parentId() + " does not exist today or ends here");
                    }
                }
            }
        }
    }

    /** Where everything in an ended unit goes: child areas, stations, zones and accounts. */
    private record Placements(List<ReorganisationPlan.Placement> children, List<ReorganisationPlan.Placement> stations,
            List<ReorganisationPlan.Placement> zones, List<ReorganisationPlan.Placement> accounts) {
    }

    private static Placements placements(AreaChange.Reorganise change, AreaTree today, List<Station> stations,
            Map<Long, Long> accountScopes, List<String> problems) {
        int n = change.successors().size();
        Set<Long> endedSet = new HashSet<>(change.ended());
        List<ReorganisationPlan.Placement> children = new ArrayList<>();
        for (Area a : today.all()) {
            if (a.parentId() != null && endedSet.contains(a.parentId())) {
                place("area", a.id(), a.name(), a.parentId(), change.assign().areas(), n, today, children, problems);
            }
        }
        List<ReorganisationPlan.Placement> stationMoves = new ArrayList<>();
        List<ReorganisationPlan.Placement> zoneMoves = new ArrayList<>();
        for (Station s : stations) {
            if (endedSet.contains(s.areaId())) {
                place("station", s.id(), s.name(), s.areaId(), change.assign().stations(), n, today, stationMoves,
                        problems);
            }
            for (Zone z : s.zones()) {
                if (z.areaId() != null && endedSet.contains(z.areaId())) {
                    place("zone", z.id(), z.name(), z.areaId(), change.assign().zones(), n, today, zoneMoves, problems);
                }
            }
        }
        List<ReorganisationPlan.Placement> accountMoves = new ArrayList<>();
        accountScopes.forEach((account, scope) -> {
            if (endedSet.contains(scope)) {
                place("account", account, "#" + account, scope, change.assign().accounts(), n, today, accountMoves,
                        problems);
            }
        });
        unknown("areas", change.assign().areas().keySet(), children, problems);
        unknown("stations", change.assign().stations().keySet(), stationMoves, problems);
        unknown("zones", change.assign().zones().keySet(), zoneMoves, problems);
        unknown("accounts", change.assign().accounts().keySet(), accountMoves, problems);
        return new Placements(children, stationMoves, zoneMoves, accountMoves);
    }

    /** Which successor succeeds which ended unit: where its contents went, or every successor for an empty unit. */
    private static List<ReorganisationPlan.Edge> edges(List<Long> ended, int n, Placements placed) {
        List<ReorganisationPlan.Edge> edges = new ArrayList<>();
        for (long id : ended) {
            Set<Integer> got = new LinkedHashSet<>();
            for (var list : List.of(placed.children(), placed.stations(), placed.zones(), placed.accounts())) {
                list.stream().filter(p -> p.fromAreaId() == id).forEach(p -> got.add(p.to()));
            }
            if (got.isEmpty()) {
                for (int i = 0; i < n; i++) {
                    got.add(i); // an empty unit: every successor succeeds it
                }
            }
            got.stream().sorted().forEach(i -> edges.add(new ReorganisationPlan.Edge(id, i)));
        }
        return edges;
    }

    private static void place(String what, long id, String label, long from, Map<Long, Integer> told, int n,
            AreaTree today, List<ReorganisationPlan.Placement> out, List<String> problems) {
        Integer to = told.get(id);
        if (to == null && n == 1) {
            to = 0;
        }
        if (to == null) {
            problems.add("assign." + what + "s: say which successor takes " + what + " " + id + " (" + label + ") of "
                    + name(today, from));
        } else if (to < 0 || to >= n) {
            problems.add("assign." + what + "s: " + what + " " + id + " goes to successor " + to
                    + ", but there are " + n);
        } else {
            out.add(new ReorganisationPlan.Placement(id, from, to));
        }
    }

    private static void unknown(String what, Set<Long> told, List<ReorganisationPlan.Placement> placed,
            List<String> problems) {
        Set<Long> known = new HashSet<>();
        placed.forEach(p -> known.add(p.subjectId()));
        for (long id : told) {
            if (!known.contains(id)) {
                problems.add("assign." + what + ": " + id + " is not in any unit that ends");
            }
        }
    }

    private static String name(AreaTree tree, long id) {
        return tree.get(id).map(a -> a.name() + " (#" + id + ")").orElse("#" + id);
    }
}
