package vn.loa.agent.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.protocol.v1.PlanItem.OnPreempt;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * Local mode (the station handed to the local mixer) as a typed input of the arbiter: whatever plays stops at
 * once, following its own on-preempt; nothing starts; the amplifier is released; items due meanwhile are skipped
 * once too late, as after any outage.
 */
class LocalModeArbiterTest {
    private static final long NOW = 1_796_119_200_000L;
    private final Arbiter arbiter = new Arbiter(new Arbiter.Timing(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofSeconds(60)));

    private static PlanItem item(String id, Priority p, long at, OnPreempt onPreempt) {
        return PlanItem.newBuilder().setItemId(id).setPriority(p).setPlannedAtMs(at).setOnPreempt(onPreempt).build();
    }

    private static Situation situation(boolean amplifierOn, List<PlanItem> plan, List<Announcement> held, boolean local) {
        return new Situation(NOW, true, amplifierOn, Long.MAX_VALUE, held, plan, List.of(), local, vn.loa.protocol.quiet.QuietHours.none());
    }

    @ParameterizedTest(name = "playing {0} with on-preempt {1}: {2}")
    @CsvSource({
            "NORMAL,    RESUME,  RESUME",
            "EMERGENCY, RESTART, RESTART",
            "NORMAL,    SKIP,    SKIP_REST"})
    void stopsAPlayingItemAtOnceFollowingItsOnPreempt(Priority priority, OnPreempt onPreempt, Aftermath expected) {
        Playing playing = new Playing.Item(item("s1-1", priority, NOW - 5_000, onPreempt));
        assertThat(arbiter.interruption(playing, situation(true, List.of(), List.of(), true)))
                .contains(new Interruption(new Cause.LocalMode(), expected));
        assertThat(arbiter.interruption(playing, situation(true, List.of(), List.of(), false))).isEmpty();
    }

    @ParameterizedTest(name = "a live announcement {0}")
    @CsvSource({"true, LIVE_EDGE", "false, RESUME"})
    void stopsAnAnnouncementToo(boolean live, Aftermath expected) {
        Playing playing = new Playing.Broadcast(7, Priority.EMERGENCY, live, null);
        assertThat(arbiter.interruption(playing, situation(true, List.of(), List.of(), true)))
                .contains(new Interruption(new Cause.LocalMode(), expected));
    }

    @ParameterizedTest(name = "amplifier on {0}")
    @CsvSource({"true", "false"})
    void startsNothingAndReleasesTheAmplifier(boolean amplifierOn) {
        List<PlanItem> due = List.of(item("s1-2", Priority.EMERGENCY, NOW, OnPreempt.RESUME));
        List<Announcement> held = List.of(new Announcement(9, Priority.EMERGENCY, 1, NOW, true, null));
        Decision d = arbiter.next(situation(amplifierOn, due, held, true));
        if (amplifierOn) {
            assertThat(d).isEqualTo(new Decision.AmplifierOff());
        } else {
            assertThat(d).isEqualTo(new Decision.Wait(NOW + Arbiter.MAX_IDLE_WAIT_MS, Decision.WaitReason.LOCAL_MODE));
        }
    }

    @ParameterizedTest(name = "{0} ms overdue")
    @CsvSource({"59000, false", "61000, true"})
    void itemsDueDuringLocalModeAreSkippedOnceTooLate(long overdueMs, boolean skipped) {
        PlanItem missed = item("s1-3", Priority.NORMAL, NOW - overdueMs, OnPreempt.RESUME);
        Decision d = arbiter.next(situation(false, List.of(missed), List.of(), true));
        assertThat(d instanceof Decision.SkipItem).isEqualTo(skipped);
    }
}
