package vn.loa.agent.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/** Quiet hours enter the arbiter as a typed input: what it decides for a due plan item, table by table. */
class ArbiterQuietHoursTest {
    private static final Arbiter ARBITER = new Arbiter(new Arbiter.Timing(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofSeconds(60)));
    private static final QuietRule NIGHT = new QuietRule(1, "Giờ nghỉ đêm", LocalTime.of(21, 30), LocalTime.of(5, 30),
            Set.of(), QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of());
    private static final QuietRule EARLY = new QuietRule(2, "Sáng sớm", LocalTime.of(5, 30), LocalTime.of(6, 0),
            Set.of(), QuietRule.Effect.ATTENUATE, -6, Priority.EMERGENCY, Set.of());
    private static final QuietRule SCHOOL_NAP = new QuietRule(3, "Nghỉ trưa bán trú", LocalTime.of(11, 30),
            LocalTime.of(13, 30), Set.of(), QuietRule.Effect.HOLD_BACK, 0, Priority.EMERGENCY, Set.of(7L));
    private static final QuietHours HOURS = new QuietHours(List.of(NIGHT, EARLY, SCHOOL_NAP), QuietHours.VIETNAM);

    static Stream<Arguments> dueItems() {
        return Stream.of(
                // local time of the item, priority, zones → skipped?, gain dB, zones played
                Arguments.of("2026-12-08T04:30", Priority.NORMAL, List.of(1L), true, 0.0, List.of()),
                Arguments.of("2026-12-08T04:30", Priority.PRIORITY, List.of(1L), false, 0.0, List.of(1L)),
                Arguments.of("2026-12-08T05:40", Priority.NORMAL, List.of(1L), false, -6.0, List.of(1L)),
                Arguments.of("2026-12-08T05:40", Priority.EMERGENCY, List.of(1L), false, 0.0, List.of(1L)),
                Arguments.of("2026-12-08T09:00", Priority.NORMAL, List.of(1L), false, 0.0, List.of(1L)),
                Arguments.of("2026-12-08T12:00", Priority.NORMAL, List.of(1L, 7L), false, 0.0, List.of(1L)),
                Arguments.of("2026-12-08T12:00", Priority.PRIORITY, List.of(7L), true, 0.0, List.of()));
    }

    @ParameterizedTest(name = "{0} {1} zones {2} → skipped {3}, {4} dB on {5}")
    @MethodSource("dueItems")
    void aDueItemIsHeldBackOrPlayedAsQuietHoursSay(String local, Priority priority, List<Long> zones, boolean skipped,
            double gainDb, List<Long> played) {
        long at = LocalDateTime.parse(local).atZone(QuietHours.VIETNAM).toInstant().toEpochMilli();
        PlanItem item = PlanItem.newBuilder().setItemId("i").setPriority(priority).setPlannedAtMs(at)
                .addAllZoneIds(zones).build();
        Situation s = new Situation(at - 50, true, true, Long.MAX_VALUE, List.of(), List.of(item), List.of(), false, HOURS);
        Decision d = ARBITER.next(s);
        if (skipped) {
            assertThat(d).isEqualTo(new Decision.SkipItem(item, Decision.SkipReason.QUIET_HOURS));
        } else {
            assertThat(d).isInstanceOf(Decision.PlayItem.class);
            Decision.PlayItem p = (Decision.PlayItem) d;
            assertThat(p.startAtMs()).isEqualTo(at);
            assertThat(p.quiet().gainDb()).isEqualTo(gainDb);
            assertThat(p.quiet().zones()).containsExactlyInAnyOrderElementsOf(played);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dueItems")
    void withoutQuietHoursEveryDueItemPlaysAsPlanned(String local, Priority priority, List<Long> zones, boolean skipped,
            double gainDb, List<Long> played) {
        long at = LocalDateTime.parse(local).atZone(QuietHours.VIETNAM).toInstant().toEpochMilli();
        PlanItem item = PlanItem.newBuilder().setItemId("i").setPriority(priority).setPlannedAtMs(at)
                .addAllZoneIds(zones).build();
        Situation s = new Situation(at - 50, true, true, Long.MAX_VALUE, List.of(), List.of(item), List.of());
        assertThat(ARBITER.next(s)).isEqualTo(new Decision.PlayItem(item, at));
    }

    static Stream<Arguments> resumedItems() {
        return Stream.of(
                // local time it would go on at → given up?, gain dB
                Arguments.of("2026-12-08T21:45", true, 0.0),
                Arguments.of("2026-12-08T05:40", false, -6.0),
                Arguments.of("2026-12-08T09:00", false, 0.0));
    }

    @ParameterizedTest(name = "{0} → given up {1}, {2} dB")
    @MethodSource("resumedItems")
    void anInterruptedItemMeetsQuietHoursAgainWhenItGoesOn(String local, boolean givenUp, double gainDb) {
        long now = LocalDateTime.parse(local).atZone(QuietHours.VIETNAM).toInstant().toEpochMilli();
        PlanItem item = PlanItem.newBuilder().setItemId("i").setPriority(Priority.NORMAL).setPlannedAtMs(now - 60_000)
                .addZoneIds(1).build();
        SuspendedItem suspended = new SuspendedItem(item, new Suspension(new Cause.ByAnnouncement(3), 24_000, now - 5_000));
        Decision d = ARBITER.next(new Situation(now, true, true, Long.MAX_VALUE, List.of(), List.of(), List.of(suspended),
                false, HOURS));
        if (givenUp) {
            assertThat(d).isEqualTo(new Decision.DropSuspendedItem(suspended, Decision.SkipReason.QUIET_HOURS));
        } else {
            assertThat(d).isInstanceOf(Decision.ResumeItem.class);
            assertThat(((Decision.ResumeItem) d).quiet().gainDb()).isEqualTo(gainDb);
        }
    }

    @org.junit.jupiter.api.Test
    void anItemHeldBackDoesNotInterruptWhatPlays() {
        long at = LocalDateTime.parse("2026-12-08T04:30").atZone(QuietHours.VIETNAM).toInstant().toEpochMilli();
        PlanItem background = PlanItem.newBuilder().setItemId("bg").setPriority(Priority.BACKGROUND).setPlannedAtMs(at - 60_000).build();
        PlanItem normal = PlanItem.newBuilder().setItemId("n").setPriority(Priority.NORMAL).setPlannedAtMs(at).build();
        Situation s = new Situation(at, true, true, Long.MAX_VALUE, List.of(), List.of(normal), List.of(), false, HOURS);
        assertThat(ARBITER.interruption(new Playing.Item(background), s)).isEqualTo(Optional.empty());
        Situation loud = new Situation(at, true, true, Long.MAX_VALUE, List.of(), List.of(normal), List.of());
        assertThat(ARBITER.interruption(new Playing.Item(background), loud)).isPresent();
    }
}
