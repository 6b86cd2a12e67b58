package vn.loa.controller.area.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;

/**
 * The merge and split decisions, pure and table-driven: province 1; communes 10 (villages 11, 12) and
 * 20 (village 21); district 30; station 5 in commune 10 (zones 50 → village 11, 51 → the commune
 * itself); account 7 scoped to commune 10.
 */
class ReorganisationPlannerTest {
    private static final LocalDate DAY = LocalDate.of(2025, 7, 1);
    private static final AreaTree TREE = new AreaTree(List.of(area(1, null, AreaKind.PROVINCE), area(10, 1L, AreaKind.COMMUNE),
            area(11, 10L, AreaKind.VILLAGE), area(12, 10L, AreaKind.VILLAGE), area(20, 1L, AreaKind.COMMUNE),
            area(21, 20L, AreaKind.VILLAGE), area(30, 1L, AreaKind.DISTRICT)));
    private static final List<Station> STATIONS = List.of(new Station(5, "Đài xã", 10, List.of(new Zone(50, 5, "Thôn 1", 11L),
            new Zone(51, 5, "UBND", 10L)), null, null, null));
    private static final Map<Long, Long> SCOPES = Map.of(7L, 10L);

    private static Area area(long id, Long parent, AreaKind kind) {
        return new Area(id, parent, "Khu " + id, kind, null, null, null);
    }

    private static AreaChange.NewUnit unit(String name) {
        return new AreaChange.NewUnit(name, null, null, null);
    }

    static Stream<Arguments> cases() {
        AreaChange.Assignment all = new AreaChange.Assignment(Map.of(11L, 0, 12L, 1), Map.of(5L, 1), Map.of(51L, 0),
                Map.of(7L, 1));
        return Stream.of(
                Arguments.of("merge two communes into a new one", ChangeKind.MERGE, List.of(10L, 20L),
                        List.of(unit("Xã Mới")), AreaChange.Assignment.NONE,
                        "children 11>0 12>0 21>0; stations 5>0; zones 51>0; accounts 7>0; edges 10>0 20>0"),
                Arguments.of("absorb one commune into an existing one", ChangeKind.MERGE, List.of(20L),
                        List.of(new AreaChange.Existing(10)), AreaChange.Assignment.NONE,
                        "children 21>0; stations ; zones ; accounts ; edges 20>0"),
                Arguments.of("split as told", ChangeKind.SPLIT, List.of(10L), List.of(unit("Bắc"), unit("Nam")), all,
                        "children 11>0 12>1; stations 5>1; zones 51>0; accounts 7>1; edges 10>0 10>1"),
                Arguments.of("split with nothing said", ChangeKind.SPLIT, List.of(10L), List.of(unit("Bắc"), unit("Nam")),
                        AreaChange.Assignment.NONE,
                        "refused: takes area 11|takes area 12|takes station 5|takes zone 51|takes account 7"),
                Arguments.of("split an empty commune: both succeed it", ChangeKind.SPLIT, List.of(30L),
                        List.of(unit("Bắc"), unit("Nam")), AreaChange.Assignment.NONE,
                        "children ; stations ; zones ; accounts ; edges 30>0 30>1"),
                Arguments.of("a successor index out of range", ChangeKind.SPLIT, List.of(20L), List.of(unit("A"), unit("B")),
                        new AreaChange.Assignment(Map.of(21L, 2), Map.of(), Map.of(), Map.of()), "refused: there are 2"),
                Arguments.of("an assignment for something not ending", ChangeKind.SPLIT, List.of(20L),
                        List.of(unit("A"), unit("B")), new AreaChange.Assignment(Map.of(21L, 0, 11L, 1), Map.of(),
                                Map.of(), Map.of()), "refused: 11 is not in any unit that ends"),
                Arguments.of("merging units of different kinds", ChangeKind.MERGE, List.of(10L, 30L), List.of(unit("X")),
                        AreaChange.Assignment.NONE, "refused: is not a COMMUNE"),
                Arguments.of("a split into one part", ChangeKind.SPLIT, List.of(10L), List.of(unit("X")),
                        AreaChange.Assignment.NONE, "refused: at least two successors"),
                Arguments.of("ending an area that does not exist", ChangeKind.MERGE, List.of(10L, 99L), List.of(unit("X")),
                        AreaChange.Assignment.NONE, "refused: area 99 does not exist"),
                Arguments.of("absorbed into an area that also ends", ChangeKind.MERGE, List.of(10L, 20L),
                        List.of(new AreaChange.Existing(20)), AreaChange.Assignment.NONE, "refused: ends here"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, ChangeKind kind, List<Long> ended, List<AreaChange.Successor> successors,
            AreaChange.Assignment assign, String expected) {
        var result = ReorganisationPlanner.plan(new AreaChange.Reorganise(DAY, kind, ended, successors, assign), TREE,
                STATIONS, SCOPES);
        if (expected.startsWith("refused: ")) {
            assertThat(result).isInstanceOfSatisfying(ReorganisationPlanner.Refused.class, r -> {
                for (String part : expected.substring("refused: ".length()).split("\\|")) {
                    assertThat(r.problems()).as(part).anyMatch(p -> p.matches("(?s).*" + part + ".*"));
                }
            });
        } else {
            assertThat(result).isInstanceOfSatisfying(ReorganisationPlanner.Planned.class,
                    p -> assertThat(describe(p.plan())).isEqualTo(expected));
        }
    }

    private static String describe(ReorganisationPlan p) {
        return "children " + placements(p.children()) + "; stations " + placements(p.stations()) + "; zones "
                + placements(p.zones()) + "; accounts " + placements(p.accounts()) + "; edges "
                + String.join(" ", p.edges().stream().map(e -> e.predecessorId() + ">" + e.to()).sorted().toList());
    }

    private static String placements(List<ReorganisationPlan.Placement> list) {
        return String.join(" ", list.stream().map(x -> x.subjectId() + ">" + x.to()).sorted().toList());
    }
}
