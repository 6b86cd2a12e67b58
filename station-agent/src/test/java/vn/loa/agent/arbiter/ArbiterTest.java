package vn.loa.agent.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanItem.HardTime;
import vn.loa.protocol.v1.PlanItem.OnPreempt;
import vn.loa.protocol.v1.Priority;

/**
 * The arbitration rules, table by table, on values: every priority pair for every kind of
 * interrupter and of what plays, each {@code on_preempt} policy, each hard-time mode, lateness, the
 * order things go on in when the station is free. No threads, no clock: "now" is a number.
 */
class ArbiterTest {
    private static final long NOW = 1_796_119_200_000L;
    private static final long WARM_UP = 500;
    private static final long SETTLE = 100;
    private static final long MARGIN = SETTLE + Arbiter.INTERRUPT_MARGIN_MS; // 250 ms
    private static final long LATE_TOLERANCE = 60_000;
    private static final List<Priority> PRIORITIES = List.of(Priority.BACKGROUND, Priority.RELAY, Priority.NORMAL,
            Priority.PRIORITY, Priority.EMERGENCY);

    private final Arbiter arbiter = new Arbiter(new Arbiter.Timing(Duration.ofMillis(WARM_UP),
            Duration.ofMillis(SETTLE), Duration.ofMillis(LATE_TOLERANCE)));

    // ---- building blocks

    private static PlanItem item(String id, Priority priority, long plannedAt) {
        return PlanItem.newBuilder().setItemId(id).setPriority(priority).setPlannedAtMs(plannedAt).build();
    }

    private static PlanItem item(String id, Priority priority, long plannedAt, HardTime hardTime, long maxWaitMs,
            OnPreempt onPreempt) {
        PlanItem.Builder b = item(id, priority, plannedAt).toBuilder().setHardTime(hardTime).setOnPreempt(onPreempt);
        // 0: the default WAIT (no max_wait_ms on the wire); an explicit WAIT sets the field, even to 0
        return (maxWaitMs > 0 ? b.setMaxWaitMs(maxWaitMs) : b).build();
    }

    private static Announcement announcement(long id, Priority priority, long arrival, long startAt) {
        return new Announcement(id, priority, arrival, startAt, false, null);
    }

    /** A situation builder: synchronised, amplifier on and not yet due off, nothing held. */
    private static final class S {
        long now = NOW;
        boolean synced = true;
        boolean amplifierOn = true;
        long amplifierOffAt = Long.MAX_VALUE;
        final List<Announcement> announcements = new ArrayList<>();
        final List<PlanItem> plan = new ArrayList<>();
        final List<SuspendedItem> suspended = new ArrayList<>();

        S with(Announcement a) {
            announcements.add(a);
            return this;
        }

        S with(PlanItem i) {
            plan.add(i);
            return this;
        }

        S with(SuspendedItem i) {
            suspended.add(i);
            return this;
        }

        Situation build() {
            return new Situation(now, synced, amplifierOn, amplifierOffAt, announcements, plan, suspended);
        }
    }

    private static S situation() {
        return new S();
    }

    private static int rank(Priority p) {
        return PRIORITIES.indexOf(p);
    }

    private static Stream<Arguments> everyPriorityPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (Priority interrupter : PRIORITIES) {
            for (Priority playing : PRIORITIES) {
                pairs.add(Arguments.of(interrupter, playing));
            }
        }
        return pairs.stream();
    }

    // ---- interruptions: every priority pair

    @ParameterizedTest(name = "announcement {0} over playing item {1}")
    @MethodSource("everyPriorityPair")
    void anAnnouncementInterruptsAPlanItemOfStrictlyLowerPriority(Priority announcement, Priority playing) {
        PlanItem item = item("s1-1", playing, NOW - 5_000);
        Situation s = situation().with(announcement(9, announcement, 1, NOW + MARGIN)).build();

        Optional<Interruption> i = arbiter.interruption(new Playing.Item(item), s);

        if (rank(announcement) > rank(playing)) {
            assertThat(i).contains(new Interruption(new Cause.ByAnnouncement(9), Aftermath.RESUME));
        } else {
            assertThat(i).isEmpty();
        }
    }

    @ParameterizedTest(name = "announcement {0} over playing announcement {1}")
    @MethodSource("everyPriorityPair")
    void anAnnouncementInterruptsAnAnnouncementOfStrictlyLowerPriority(Priority announcement, Priority playing) {
        Situation s = situation().with(announcement(1, playing, 1, NOW - 5_000))
                .with(announcement(2, announcement, 2, NOW + MARGIN)).build();

        Optional<Interruption> recorded = arbiter.interruption(new Playing.Broadcast(1, playing, false, null), s);
        Optional<Interruption> live = arbiter.interruption(new Playing.Broadcast(1, playing, true, null), s);

        if (rank(announcement) > rank(playing)) {
            assertThat(recorded).as("a recorded one is over").contains(
                    new Interruption(new Cause.ByAnnouncement(2), Aftermath.OVER));
            assertThat(live).as("a live one goes on at its edge").contains(
                    new Interruption(new Cause.ByAnnouncement(2), Aftermath.LIVE_EDGE));
        } else {
            assertThat(recorded).isEmpty();
            assertThat(live).isEmpty();
        }
    }

    @ParameterizedTest(name = "scheduled {0} over playing announcement {1}")
    @MethodSource("everyPriorityPair")
    void aScheduledItemInterruptsAnAnnouncementOfStrictlyLowerPriorityWhichGoesOnAfterwards(Priority item,
            Priority playing) {
        Situation s = situation().with(announcement(1, playing, 1, NOW - 5_000))
                .with(item("s7-1", item, NOW + MARGIN)).build();

        Optional<Interruption> recorded = arbiter.interruption(new Playing.Broadcast(1, playing, false, null), s);
        Optional<Interruption> live = arbiter.interruption(new Playing.Broadcast(1, playing, true, null), s);

        if (rank(item) > rank(playing)) {
            assertThat(recorded).as("a recorded one goes on from where it stopped").contains(
                    new Interruption(new Cause.ByItem("s7-1"), Aftermath.RESUME));
            assertThat(live).contains(new Interruption(new Cause.ByItem("s7-1"), Aftermath.LIVE_EDGE));
        } else {
            assertThat(recorded).isEmpty();
            assertThat(live).isEmpty();
        }
    }

    /** The hard-time modes of the item that comes due while another plays, over every priority pair. */
    private static Stream<Arguments> hardTimesOverEveryPriorityPair() {
        List<Arguments> rows = new ArrayList<>();
        for (Arguments pair : everyPriorityPair().toList()) {
            Priority due = (Priority) pair.get()[0];
            Priority playing = (Priority) pair.get()[1];
            boolean higher = rank(due) > rank(playing);
            boolean higherOrEqual = rank(due) >= rank(playing);
            rows.add(Arguments.of(due, playing, HardTime.WAIT, 0L, higher ? "PREEMPTED_BY" : "none"));
            rows.add(Arguments.of(due, playing, HardTime.WAIT, 30_000L, "none"));
            rows.add(Arguments.of(due, playing, HardTime.NEXT, 0L, "none"));
            rows.add(Arguments.of(due, playing, HardTime.CUT, 0L, higherOrEqual ? "CUT_BY" : "none"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "scheduled {0} ({2}, max wait {3}) over playing item {1}: {4}")
    @MethodSource("hardTimesOverEveryPriorityPair")
    void aScheduledItemInterruptsAPlayingItemByPriorityUnlessItAsksToWaitOrByItsHardTimeCut(Priority due,
            Priority playing, HardTime hardTime, long maxWaitMs, String expected) {
        PlanItem now = item("s1-1", playing, NOW - 5_000);
        PlanItem next = item("s2-1", due, NOW + MARGIN, hardTime, maxWaitMs, OnPreempt.RESUME);
        Situation s = situation().with(next).build();

        Optional<Interruption> i = arbiter.interruption(new Playing.Item(now), s);

        switch (expected) {
            case "PREEMPTED_BY" -> assertThat(i).contains(new Interruption(new Cause.ByItem("s2-1"), Aftermath.RESUME));
            case "CUT_BY" -> assertThat(i).contains(new Interruption(new Cause.CutBy("s2-1"), Aftermath.RESUME));
            default -> assertThat(i).isEmpty();
        }
    }

    /**
     * An explicit WAIT with no maximum of its own (protocol 2: {@code max_wait_ms} present and 0) waits, over
     * every priority pair: only the default WAIT (the field absent) lets a higher priority interrupt.
     */
    @ParameterizedTest(name = "scheduled {0} (explicit WAIT, max wait 0) over playing item {1}: waits")
    @MethodSource("everyPriorityPair")
    void anExplicitWaitWithoutAMaximumWaitsWhateverItsPriority(Priority due, Priority playing) {
        PlanItem now = item("s1-1", playing, NOW - 5_000);
        PlanItem next = item("s2-1", due, NOW + MARGIN).toBuilder().setHardTime(HardTime.WAIT).setMaxWaitMs(0).build();
        Situation s = situation().with(next).build();

        assertThat(next.hasMaxWaitMs()).isTrue();
        assertThat(Arbiter.asksToWait(next)).isTrue();
        assertThat(arbiter.interruption(new Playing.Item(now), s)).isEmpty();
        assertThat(arbiter.maxDelay(next)).as("0 is the late tolerance").isEqualTo(arbiter.maxDelay(item("s3-1", due, NOW)));
    }

    // ---- what becomes of what was interrupted

    private static Stream<Arguments> onPreemptByCause() {
        List<Arguments> rows = new ArrayList<>();
        for (OnPreempt policy : List.of(OnPreempt.RESUME, OnPreempt.RESTART, OnPreempt.SKIP)) {
            Aftermath expected = switch (policy) {
                case RESTART -> Aftermath.RESTART;
                case SKIP -> Aftermath.SKIP_REST;
                default -> Aftermath.RESUME;
            };
            rows.add(Arguments.of(policy, "an EMERGENCY announcement", expected));
            rows.add(Arguments.of(policy, "a PRIORITY item", expected));
            rows.add(Arguments.of(policy, "a CUT item", expected));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "on_preempt {0}, interrupted by {1}: {2}")
    @MethodSource("onPreemptByCause")
    void anInterruptedPlanItemFollowsItsOnPreemptWhateverInterruptedIt(OnPreempt policy, String by, Aftermath expected) {
        PlanItem playing = item("s1-1", Priority.NORMAL, NOW - 5_000, HardTime.WAIT, 0, policy);
        S s = situation();
        switch (by) {
            case "an EMERGENCY announcement" -> s.with(announcement(3, Priority.EMERGENCY, 1, NOW));
            case "a PRIORITY item" -> s.with(item("s2-1", Priority.PRIORITY, NOW));
            default -> s.with(item("s3-1", Priority.NORMAL, NOW, HardTime.CUT, 0, OnPreempt.RESUME));
        }

        assertThat(arbiter.interruption(new Playing.Item(playing), s.build()).map(Interruption::aftermath))
                .contains(expected);
    }

    @Test
    void anAnnouncementStoppedByItsSenderEndsAtOnce() {
        Situation s = situation().with(announcement(1, Priority.EMERGENCY, 1, NOW - 1_000)).build();

        assertThat(arbiter.interruption(new Playing.Broadcast(1, Priority.EMERGENCY, false, "stopped by admin"), s))
                .contains(new Interruption(new Cause.Cancelled("stopped by admin"), Aftermath.CANCELLED));
    }

    // ---- when an interruption is acted on

    private static Stream<Arguments> margins() {
        return Stream.of(Arguments.of(MARGIN + 1, false), Arguments.of(MARGIN, true), Arguments.of(-1_000L, true));
    }

    @ParameterizedTest(name = "due in {0} ms: interrupts {1}")
    @MethodSource("margins")
    void interruptionsComeTheSettlePlusAMarginBeforeTheirInstant(long dueInMs, boolean interrupts) {
        PlanItem playing = item("s1-1", Priority.NORMAL, NOW - 5_000);
        Situation byAnnouncement = situation().with(announcement(2, Priority.EMERGENCY, 1, NOW + dueInMs)).build();
        Situation byItem = situation().with(item("s2-1", Priority.PRIORITY, NOW + dueInMs)).build();

        assertThat(arbiter.interruption(new Playing.Item(playing), byAnnouncement).isPresent()).isEqualTo(interrupts);
        assertThat(arbiter.interruption(new Playing.Item(playing), byItem).isPresent()).isEqualTo(interrupts);
    }

    private static Stream<Arguments> cutWindows() {
        return Stream.of(
                Arguments.of(HardTime.CUT, 0L, 59_000L, true),
                Arguments.of(HardTime.CUT, 0L, 61_000L, false),
                Arguments.of(HardTime.CUT, 300_000L, 61_000L, false), // a CUT cuts within the late tolerance only
                Arguments.of(HardTime.WAIT, 0L, 59_000L, true),
                Arguments.of(HardTime.WAIT, 0L, 61_000L, false));
    }

    @ParameterizedTest(name = "{0} (max wait {1}) {2} ms late: interrupts {3}")
    @MethodSource("cutWindows")
    void anItemLaterThanItAllowsInterruptsNothing(HardTime hardTime, long maxWaitMs, long lateMs, boolean interrupts) {
        PlanItem playing = item("s1-1", Priority.NORMAL, NOW - 120_000);
        PlanItem late = item("s2-1", Priority.PRIORITY, NOW - lateMs, hardTime, maxWaitMs, OnPreempt.RESUME);

        assertThat(arbiter.interruption(new Playing.Item(playing), situation().with(late).build()).isPresent())
                .isEqualTo(interrupts);
    }

    @Test
    void onAnUnknownClockNoPlanItemInterruptsButAnAnnouncementStillDoes() {
        S s = situation().with(item("s2-1", Priority.EMERGENCY, NOW));
        s.synced = false;
        Playing relay = new Playing.Broadcast(1, Priority.RELAY, true, null);

        assertThat(arbiter.interruption(relay, s.build())).isEmpty();
        assertThat(arbiter.interruption(relay, s.with(announcement(2, Priority.NORMAL, 2, NOW)).build()))
                .map(Interruption::cause).contains(new Cause.ByAnnouncement(2));
    }

    // ---- when the station is free

    @ParameterizedTest(name = "due announcement {0}, due item {1}")
    @MethodSource("everyPriorityPair")
    void whenFreeADueAnnouncementGoesFirstUnlessADueItemOutranksIt(Priority announcement, Priority item) {
        PlanItem due = item("s1-1", item, NOW + MARGIN);
        Situation s = situation().with(announcement(4, announcement, 1, NOW + MARGIN)).with(due).build();

        Decision d = arbiter.next(s);

        if (rank(item) > rank(announcement)) {
            assertThat(d).isEqualTo(new Decision.PlayItem(due, due.getPlannedAtMs()));
        } else {
            assertThat(d).isEqualTo(new Decision.PlayAnnouncement(4, NOW + MARGIN, true, null));
        }
    }

    @Test
    void announcementsOfEqualPriorityAreServedFirstComeAndAHigherOneFirstWhateverItsArrival() {
        Situation equal = situation().with(announcement(8, Priority.NORMAL, 2, NOW))
                .with(announcement(7, Priority.NORMAL, 1, NOW)).build();
        Situation higher = situation().with(announcement(7, Priority.NORMAL, 1, NOW))
                .with(announcement(8, Priority.PRIORITY, 2, NOW)).build();

        assertThat(arbiter.next(equal)).isEqualTo(new Decision.PlayAnnouncement(7, NOW, true, null));
        assertThat(arbiter.next(higher)).isEqualTo(new Decision.PlayAnnouncement(8, NOW, true, null));
    }

    /** How late an item may still start, per hard time: played or skipped TOO_LATE. */
    private static Stream<Arguments> lateness() {
        return Stream.of(
                Arguments.of(HardTime.WAIT, 0L, 59_000L, true),
                Arguments.of(HardTime.WAIT, 0L, 61_000L, false),
                Arguments.of(HardTime.WAIT, 5_000L, 4_000L, true),
                Arguments.of(HardTime.WAIT, 5_000L, 6_000L, false),
                Arguments.of(HardTime.CUT, 0L, 61_000L, false),
                Arguments.of(HardTime.CUT, 120_000L, 100_000L, true),
                Arguments.of(HardTime.NEXT, 0L, 5 * 3_600_000L, true),
                Arguments.of(HardTime.NEXT, 0L, 7 * 3_600_000L, false));
    }

    @ParameterizedTest(name = "{0} (max wait {1} ms), {2} ms late: played {3}")
    @MethodSource("lateness")
    void anItemLaterThanItsHardTimeAllowsIsSkipped(HardTime hardTime, long maxWaitMs, long lateMs, boolean played) {
        PlanItem item = item("s1-1", Priority.NORMAL, NOW - lateMs, hardTime, maxWaitMs, OnPreempt.RESUME);

        Decision d = arbiter.next(situation().with(item).build());

        assertThat(d).isEqualTo(played ? new Decision.PlayItem(item, item.getPlannedAtMs())
                : new Decision.SkipItem(item, Decision.SkipReason.TOO_LATE));
    }

    @Test
    void anItemIsStartedTheLeadBeforeItsInstantAndWaitedForUntilThen() {
        PlanItem item = item("s1-1", Priority.NORMAL, NOW + 600);
        S cold = situation().with(item);
        cold.amplifierOn = false; // the lead includes the warm-up: 600 ms

        assertThat(arbiter.next(cold.build())).isEqualTo(new Decision.PlayItem(item, NOW + 600));
        assertThat(arbiter.next(situation().with(item).build()))
                .as("warm: the lead is the interruption margin").isEqualTo(
                        new Decision.Wait(NOW + 600 - MARGIN, Decision.WaitReason.PLAN_ITEM));
    }

    @Test
    void aColdStartIsHandedToThePlayerItsPreparationTimeBeforeTheSwitchingMustBegin() {
        long lead = WARM_UP + SETTLE + Arbiter.PREPARE_MS;
        PlanItem due = item("s1-1", Priority.NORMAL, NOW + lead);
        PlanItem notYet = item("s1-2", Priority.NORMAL, NOW + lead + 1);
        S cold = situation().with(due);
        cold.amplifierOn = false;
        S coldLater = situation().with(notYet);
        coldLater.amplifierOn = false;

        assertThat(arbiter.next(cold.build())).isEqualTo(new Decision.PlayItem(due, NOW + lead));
        assertThat(arbiter.next(coldLater.build())).isEqualTo(new Decision.Wait(NOW + 1, Decision.WaitReason.PLAN_ITEM));
    }

    @Test
    void onAnUnknownClockAnAnnouncementPlaysAtOnceAndNoItemFires() {
        S s = situation().with(item("s1-1", Priority.EMERGENCY, NOW - 120_000));
        s.synced = false;
        assertThat(arbiter.next(s.build())).isEqualTo(new Decision.Wait(NOW + Arbiter.MAX_IDLE_WAIT_MS,
                Decision.WaitReason.CLOCK_UNKNOWN));

        s.with(announcement(5, Priority.NORMAL, 1, NOW + 60_000));
        assertThat(arbiter.next(s.build())).as("not in step: as soon as the switching allows")
                .isEqualTo(new Decision.PlayAnnouncement(5, NOW + SETTLE, false, null));
    }

    // ---- what was interrupted goes on

    private static SuspendedItem suspended(PlanItem item, Cause by, long samples, long sinceMs) {
        return new SuspendedItem(item, new Suspension(by, samples, sinceMs));
    }

    @Test
    void anInterruptedItemGoesOnWhenNothingIsDue() {
        SuspendedItem cut = suspended(item("s1-1", Priority.NORMAL, NOW - 20_000), new Cause.CutBy("s2-1"), 48_000,
                NOW - 1_000);

        assertThat(arbiter.next(situation().with(cut).build())).isEqualTo(new Decision.ResumeItem(cut, NOW + SETTLE));
    }

    @Test
    void theItemThatCutItPlaysFirstAndADueAnnouncementToo() {
        PlanItem cutter = item("s2-1", Priority.NORMAL, NOW + MARGIN, HardTime.CUT, 0, OnPreempt.RESUME);
        SuspendedItem cut = suspended(item("s1-1", Priority.NORMAL, NOW - 20_000), new Cause.CutBy("s2-1"), 48_000, NOW);

        assertThat(arbiter.next(situation().with(cut).with(cutter).build()))
                .isEqualTo(new Decision.PlayItem(cutter, cutter.getPlannedAtMs()));
        assertThat(arbiter.next(situation().with(cut).with(announcement(3, Priority.RELAY, 1, NOW)).build()))
                .isEqualTo(new Decision.PlayAnnouncement(3, NOW, true, null));
    }

    @Test
    void anItemOfEqualPriorityThatWouldNotInterruptWaitsForTheInterruptedOne() {
        SuspendedItem cut = suspended(item("s1-1", Priority.NORMAL, NOW - 20_000), new Cause.ByAnnouncement(3), 1, NOW);
        PlanItem due = item("s2-1", Priority.NORMAL, NOW);

        assertThat(arbiter.next(situation().with(cut).with(due).build()))
                .isEqualTo(new Decision.ResumeItem(cut, NOW + SETTLE));
    }

    @Test
    void interruptedItemsGoOnHighestPriorityFirstThenTheLastInterrupted() {
        SuspendedItem normal = suspended(item("n", Priority.NORMAL, NOW - 60_000), new Cause.CutBy("p"), 1, NOW - 30_000);
        SuspendedItem priority = suspended(item("p", Priority.PRIORITY, NOW - 30_000), new Cause.ByAnnouncement(1), 1,
                NOW - 10_000);
        SuspendedItem normalLater = suspended(item("m", Priority.NORMAL, NOW - 20_000), new Cause.ByAnnouncement(2), 1,
                NOW - 5_000);

        assertThat(arbiter.next(situation().with(normal).with(priority).with(normalLater).build()))
                .isEqualTo(new Decision.ResumeItem(priority, NOW + SETTLE));
        assertThat(arbiter.next(situation().with(normal).with(normalLater).build()))
                .isEqualTo(new Decision.ResumeItem(normalLater, NOW + SETTLE));
    }

    @Test
    void anInterruptedItemIsGivenUpAfterAnHour() {
        SuspendedItem old = suspended(item("s1-1", Priority.NORMAL, NOW - 7_200_000), new Cause.ByAnnouncement(1), 1,
                NOW - Arbiter.MAX_RESUME_DELAY_MS - 1);

        assertThat(arbiter.next(situation().with(old).build()))
                .isEqualTo(new Decision.DropSuspendedItem(old, Decision.SkipReason.TOO_LATE_TO_RESUME));
    }

    @Test
    void anInterruptedAnnouncementGoesOnAtOnceNotInStepAndARecordedOneIsGivenUpAfterAnHour() {
        Suspension fresh = new Suspension(new Cause.ByItem("s7-1"), 24_000, NOW - 1_000);
        Suspension old = new Suspension(new Cause.ByItem("s7-1"), 24_000, NOW - Arbiter.MAX_RESUME_DELAY_MS - 1);
        Announcement recorded = new Announcement(4, Priority.NORMAL, 1, NOW - 30_000, false, fresh);

        assertThat(arbiter.next(situation().with(recorded).build()))
                .isEqualTo(new Decision.PlayAnnouncement(4, NOW + SETTLE, false, fresh));
        assertThat(arbiter.next(situation().with(new Announcement(4, Priority.NORMAL, 1, NOW - 30_000, false, old))
                .build())).isEqualTo(new Decision.DropAnnouncement(4, Decision.SkipReason.TOO_LATE_TO_RESUME));
        assertThat(arbiter.next(situation().with(new Announcement(5, Priority.RELAY, 1, NOW - 30_000, true, old))
                .build())).as("a live one runs as long as its sender sends")
                .isEqualTo(new Decision.PlayAnnouncement(5, NOW + SETTLE, false, old));
    }

    // ---- the amplifier's hold

    @Test
    void theAmplifierGoesOffAfterItsHoldUnlessAnItemNeedsItAgainSoon() {
        S idle = situation();
        idle.amplifierOffAt = NOW;
        assertThat(arbiter.next(idle.build())).isEqualTo(new Decision.AmplifierOff());

        PlanItem soon = item("s1-1", Priority.NORMAL, NOW + WARM_UP + SETTLE + 1000);
        S busy = situation().with(soon);
        busy.amplifierOffAt = NOW;
        assertThat(arbiter.next(busy.build())).isEqualTo(new Decision.HoldAmplifier(soon.getPlannedAtMs() + 1));

        S holding = situation();
        holding.amplifierOffAt = NOW + 300;
        assertThat(arbiter.next(holding.build()))
                .isEqualTo(new Decision.Wait(NOW + 300, Decision.WaitReason.AMPLIFIER_HOLD));
    }

    @Test
    void anUnknownPriorityFromANewerControllerRanksBelowAll() {
        PlanItem playing = item("s1-1", Priority.BACKGROUND, NOW - 1_000);
        PlanItem odd = PlanItem.newBuilder().setItemId("s9-1").setPriorityValue(42).setPlannedAtMs(NOW).build();

        assertThat(arbiter.interruption(new Playing.Item(playing), situation().with(odd).build())).isEmpty();
    }
}
