package vn.loa.controller.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.Priority;

/** Which plays of a schedule quiet hours hold back, station by station, table by table. */
class QuietConflictsTest {
    private static final QuietRule NIGHT = new QuietRule(1, "Giờ nghỉ đêm", LocalTime.of(21, 30), LocalTime.of(5, 30),
            Set.of(), QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of());
    private static final QuietRule SCHOOL = new QuietRule(2, "Giờ học", LocalTime.of(7, 0), LocalTime.of(11, 0),
            Set.of(), QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of(11L));
    private static final QuietRule EARLY = new QuietRule(3, "Sáng sớm", LocalTime.of(5, 30), LocalTime.of(6, 0),
            Set.of(), QuietRule.Effect.ATTENUATE, -6, Priority.EMERGENCY, Set.of());
    /** Station 1 (zones 11, 12) keeps all three; station 2 (zone 21) none. */
    private static final Map<Long, QuietHours> HOURS = Map.of(1L,
            new QuietHours(List.of(NIGHT, SCHOOL, EARLY), QuietHours.VIETNAM));

    private static Instant vn(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.VIETNAM).toInstant();
    }

    private static TargetResolver.Reach reach(Map<Long, Set<Long>> zones) {
        TreeMap<Long, SortedSet<Long>> m = new TreeMap<>();
        zones.forEach((k, v) -> m.put(k, new TreeSet<>(v)));
        return new TargetResolver.Reach(m);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // plays, priority, station → zones, expected conflicts "station@local time:rule"
                Arguments.of(List.of("2026-12-08T22:00"), Priority.NORMAL, Map.of(1L, Set.of(11L, 12L)),
                        List.of("1@2026-12-08T22:00:Giờ nghỉ đêm")),
                Arguments.of(List.of("2026-12-08T22:00"), Priority.PRIORITY, Map.of(1L, Set.of(11L)), List.of()),
                Arguments.of(List.of("2026-12-08T22:00"), Priority.NORMAL, Map.of(2L, Set.of(21L)), List.of()),
                Arguments.of(List.of("2026-12-08T05:45"), Priority.NORMAL, Map.of(1L, Set.of(11L)), List.of()), // quieter, not held
                Arguments.of(List.of("2026-12-08T08:00"), Priority.NORMAL, Map.of(1L, Set.of(11L, 12L)), List.of()), // zone 12 sounds
                Arguments.of(List.of("2026-12-08T08:00"), Priority.NORMAL, Map.of(1L, Set.of(11L)),
                        List.of("1@2026-12-08T08:00:Giờ học")),
                Arguments.of(List.of("2026-12-08T20:00", "2026-12-09T04:00", "2026-12-09T12:00"), Priority.NORMAL,
                        Map.of(1L, Set.of(12L), 2L, Set.of(21L)), List.of("1@2026-12-09T04:00:Giờ nghỉ đêm")));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("cases")
    void playsHeldBack(List<String> plays, Priority priority, Map<Long, Set<Long>> zones, List<String> expected) {
        List<QuietConflicts.Conflict> found = QuietConflicts.of(plays.stream().map(QuietConflictsTest::vn).toList(),
                reach(zones), priority, HOURS, 20);
        assertThat(found).extracting(c -> c.stationId() + "@"
                + LocalDateTime.ofInstant(c.at(), QuietHours.VIETNAM).toString() + ":" + c.rule().name())
                .containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void theLimitStopsTheSearchAndTheDescriptionNamesTheRule() {
        List<Instant> nights = Stream.iterate(vn("2026-12-08T22:00"), i -> i.plusSeconds(86_400)).limit(10).toList();
        List<QuietConflicts.Conflict> found = QuietConflicts.of(nights, reach(Map.of(1L, Set.of(11L))), Priority.NORMAL,
                HOURS, 3);
        assertThat(found).hasSize(3);
        assertThat(found.get(0).describe("Đài xã Hữu Lũng"))
                .isEqualTo("«Giờ nghỉ đêm» (21:30–05:30) — Đài xã Hữu Lũng, 22:00 08/12/2026");
    }
}
