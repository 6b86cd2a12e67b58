package vn.loa.controller.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tree through two reorganisations, as in Lạng Sơn: Vĩnh Trại (05977) and Đông Kinh (05980)
 * merged on 2025-07-01 into a new Đông Kinh that took code 05977; Kiên Mộc (06100) was split on
 * 2024-12-01 between Xã A (new) and Xã B; district Hữu Lũng renamed on 2024-12-01 and retired on 2025-07-01.
 */
class AreaHistoryTest {
    private static final LocalDate DEC_2024 = LocalDate.of(2024, 12, 1);
    private static final LocalDate JUL_2025 = LocalDate.of(2025, 7, 1);

    private static final AreaHistory HISTORY = new AreaHistory(
            List.of(area(1, null, "Lạng Sơn", AreaKind.PROVINCE, "20"),
                    area(2, 1, "Huyện Hữu Lũng mới", AreaKind.DISTRICT, "181"),
                    area(10, 2, "Phường Vĩnh Trại", AreaKind.COMMUNE, "05977"),
                    area(11, 2, "Phường Đông Kinh", AreaKind.COMMUNE, "05980"),
                    area(12, 1, "Phường Đông Kinh", AreaKind.COMMUNE, "05977"),
                    area(20, 2, "Xã Kiên Mộc", AreaKind.COMMUNE, "06100"),
                    area(21, 1, "Xã A", AreaKind.COMMUNE, "07001"),
                    area(22, 1, "Xã B", AreaKind.COMMUNE, "07002"),
                    area(30, 21, "Thôn Khuổi", AreaKind.VILLAGE, null)),
            Map.of(2L, new Lifespan(null, JUL_2025), 10L, new Lifespan(null, JUL_2025),
                    11L, new Lifespan(null, JUL_2025), 12L, new Lifespan(JUL_2025, null),
                    20L, new Lifespan(null, DEC_2024), 21L, new Lifespan(DEC_2024, null)),
            List.of(new AreaVersion(2, 1L, "Huyện Hữu Lũng", "181", DEC_2024),
                    new AreaVersion(30, 20L, "Thôn Khuổi", null, DEC_2024),
                    new AreaVersion(22, 2L, "Xã B", "07002", JUL_2025)),
            List.of(new Succession(10, 12, JUL_2025), new Succession(11, 12, JUL_2025),
                    new Succession(20, 21, DEC_2024), new Succession(20, 22, DEC_2024)),
            List.of(new AreaMove(MoveSubject.STATION, 5, 20L, 21L, DEC_2024),
                    new AreaMove(MoveSubject.STATION, 5, 21L, 12L, JUL_2025)));

    private static Area area(long id, Integer parent, String name, AreaKind kind, String code) {
        return new Area(id, parent == null ? null : parent.longValue(), name, kind, code, null, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2020-05-01 | 1 2 10 11 20 22 30
            2024-11-30 | 1 2 10 11 20 22 30
            2024-12-01 | 1 2 10 11 21 22 30
            2025-06-30 | 1 2 10 11 21 22 30
            2025-07-01 | 1 12 21 22 30
            2026-12-07 | 1 12 21 22 30
            """)
    void treeAtADayHoldsTheUnitsOfThatDay(LocalDate day, String ids) {
        assertThat(HISTORY.treeAt(day).all()).extracting(Area::id)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(ids.split(" ")).map(Long::valueOf).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2     | 2024-11-30 | Huyện Hữu Lũng     | 1
            2     | 2024-12-01 | Huyện Hữu Lũng mới | 1
            30    | 2024-11-30 | Thôn Khuổi         | 20
            30    | 2024-12-01 | Thôn Khuổi         | 21
            22    | 2025-06-30 | Xã B               | 2
            22    | 2025-07-01 | Xã B               | 1
            """)
    void anAreaIsSeenWithTheNameAndParentItHadThen(long id, LocalDate day, String name, long parent) {
        Area then = HISTORY.at(id, day).orElseThrow();
        assertThat(then.name()).isEqualTo(name);
        assertThat(then.parentId()).isEqualTo(parent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2020-01-01 | 20
            2024-11-30 | 20
            2024-12-01 | 21
            2025-06-30 | 21
            2025-07-01 | 12
            """)
    void aStationIsWhereItWasThen(LocalDate day, long area) {
        assertThat(HISTORY.placeAt(MoveSubject.STATION, 5, 12L, day)).isEqualTo(area);
        assertThat(HISTORY.placeAt(MoveSubject.STATION, 6, 22L, day)).isEqualTo(22L); // never moved
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            05977 | 2025-06-30 | 10
            05977 | 2025-07-01 | 12
            05980 | 2025-06-30 | 11
            05980 | 2025-07-01 | 12
            06100 | 2024-11-30 | 20
            06100 | 2024-12-01 | 21 22
            07001 | 2024-11-30 |
            99999 | 2025-07-01 |
            """)
    void aGsoCodeResolvesToWhatItsUnitHadBecome(String code, LocalDate day, String ids) {
        Set<Long> expected = ids == null ? Set.of()
                : java.util.Arrays.stream(ids.split(" ")).map(Long::valueOf).collect(java.util.stream.Collectors.toSet());
        assertThat(HISTORY.resolveCode(code, day)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10 | 2025-06-30 | 10
            10 | 2025-07-01 | 12
            20 | 2025-07-01 | 21 22
            21 | 2024-11-30 |
            """)
    void successorsFollowTheChain(long id, LocalDate day, String ids) {
        Set<Long> expected = ids == null ? Set.of()
                : java.util.Arrays.stream(ids.split(" ")).map(Long::valueOf).collect(java.util.stream.Collectors.toSet());
        assertThat(HISTORY.successorsAt(id, day)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
