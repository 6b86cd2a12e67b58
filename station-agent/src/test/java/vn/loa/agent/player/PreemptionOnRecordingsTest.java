package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanItem.HardTime;
import vn.loa.protocol.v1.PlanItem.OnPreempt;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * What becomes of an interrupted stream, shown on what the simulated station recorded (one WAV per
 * play, events.jsonl) with the real player: a two-second bulletin "a" is cut 0.6 s in by a second
 * item "b" (hard time CUT, or a higher priority), and afterwards goes on as its {@code on_preempt}
 * says; a recorded announcement interrupted by a scheduled item goes on from where it stopped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PreemptionOnRecordingsTest {
    private static final long A_MS = 2000;
    private static final long B_MS = 500;

    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    /** "a" (NORMAL, 2 s, {@code onPreempt}) at +1 s and "b" ({@code b} as built) at +1.6 s; waits for n reports. */
    private List<PlayReport> run(OnPreempt onPreempt, PlanItem.Builder b, int reports) throws IOException {
        h = new PlayerHarness(root, "boot-1", 1);
        h.sourceByItem.put("a", () -> new SineSource(PlayerHarness.AMPLITUDE, A_MS, -1));
        h.sourceByItem.put("b", () -> new SineSource(PlayerHarness.AMPLITUDE / 2, B_MS, -1));
        h.synchronise();
        long now = h.clock.millis();
        PlanItem a = PlayerHarness.item("a", now + 1000, 1).toBuilder().setOnPreempt(onPreempt).build();
        PlanItem second = b.setPlannedAtMs(now + 1600).build();
        h.plan(a, second);
        h.cacheMedia(a, second);
        h.start();
        List<PlayReport> got = h.awaitReports(reports);
        h.awaitSilentAndOff();
        return got;
    }

    private static PlanItem.Builder b(Priority priority, HardTime hardTime, long maxWaitMs) {
        PlanItem.Builder b = PlayerHarness.item("b", 0, 1).toBuilder().setPriority(priority).setHardTime(hardTime);
        return maxWaitMs > 0 ? b.setMaxWaitMs(maxWaitMs) : b;
    }

    private static List<String> story(List<PlayReport> reports) {
        return reports.stream().map(r -> r.getItemId() + " " + r.getOutcome() + " " + r.getReason()).toList();
    }

    /** The samples of "a" from its start, as its source makes them. */
    private static short[] wholeA() throws IOException {
        SineSource s = new SineSource(PlayerHarness.AMPLITUDE, A_MS, -1);
        while (s.nextFrame() != null) {
            // drain: produced() keeps them
        }
        return s.produced();
    }

    private List<short[]> recorded() throws IOException {
        List<short[]> out = new ArrayList<>();
        for (Path wav : h.wavs()) {
            out.add(SimRecordings.readWav(wav).samples());
        }
        return out;
    }

    private List<String> recordedItems() throws IOException {
        return h.wavs().stream().map(p -> p.getFileName().toString().replaceAll("^.*-", "").replace(".wav", ""))
                .toList();
    }

    private static short[] concat(short[] x, short[] y) {
        short[] all = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return all;
    }

    private static final List<String> THREE_PLAYS = List.of("amplifier on", "zone 1 on", "audio start", "audio stop",
            "zone 1 off", "zone 1 on", "audio start", "audio stop", "zone 1 off", "zone 1 on", "audio start",
            "audio stop", "zone 1 off", "amplifier off");

    @Test
    void aCutItemWithResumeGoesOnAfterTheCuttingItemWithItsRemainder() throws Exception {
        List<PlayReport> reports = run(OnPreempt.RESUME, b(Priority.NORMAL, HardTime.CUT, 0), 3);

        assertThat(story(reports)).containsExactly("a PREEMPTED CUT_BY:b", "b PLAYED ", "a PLAYED RESUMED_AFTER:b");
        PlayReport b = reports.get(1);
        assertThat(b.getStartedAtMs()).as("the cutting item starts on time").isCloseTo(b.getPlannedAtMs(), within(150L));
        assertThat(SimRecordings.describe(h.events())).containsExactlyElementsOf(THREE_PLAYS);
        assertThat(recordedItems()).containsExactly("a", "b", "a");
        List<short[]> wavs = recorded();
        assertThat(wavs.get(0).length).as("cut 0.35 s in").isBetween(4_000, 14_000);
        // the two parts of "a" are the whole of "a", sample for sample: nothing lost, nothing played twice
        assertThat(concat(wavs.get(0), wavs.get(2))).containsExactly(wholeA());
        assertThat(wavs.get(1)).hasSize((int) (SineSource.RATE * B_MS / 1000));
    }

    @Test
    void aCutItemWithRestartIsPlayedAgainFromTheStart() throws Exception {
        List<PlayReport> reports = run(OnPreempt.RESTART, b(Priority.NORMAL, HardTime.CUT, 0), 3);

        assertThat(story(reports)).containsExactly("a PREEMPTED CUT_BY:b", "b PLAYED ", "a PLAYED RESTARTED_AFTER:b");
        assertThat(SimRecordings.describe(h.events())).containsExactlyElementsOf(THREE_PLAYS);
        assertThat(recordedItems()).containsExactly("a", "b", "a");
        List<short[]> wavs = recorded();
        short[] whole = wholeA();
        assertThat(wavs.get(0)).containsExactly(java.util.Arrays.copyOf(whole, wavs.get(0).length));
        assertThat(wavs.get(2)).as("all of it again").containsExactly(whole);
    }

    @Test
    void aCutItemWithSkipReportsTheRestSkipped() throws Exception {
        List<PlayReport> reports = run(OnPreempt.SKIP, b(Priority.NORMAL, HardTime.CUT, 0), 3);

        assertThat(story(reports)).containsExactly("a PREEMPTED CUT_BY:b", "a SKIPPED REST_SKIPPED_AFTER:b", "b PLAYED ");
        PlayReport skipped = reports.get(1);
        assertThat(skipped.getStartedAtMs()).as("the rest never sounded").isZero();
        assertThat(skipped.getPlannedAtMs()).isEqualTo(reports.get(0).getPlannedAtMs());
        assertThat(recordedItems()).containsExactly("a", "b");
        assertThat(SimRecordings.describe(h.events())).containsExactly("amplifier on", "zone 1 on", "audio start",
                "audio stop", "zone 1 off", "zone 1 on", "audio start", "audio stop", "zone 1 off", "amplifier off");
        assertThat(h.journal.isHandled("a")).isTrue();
    }

    @Test
    void aPriorityItemInterruptsANormalOneByDefault() throws Exception {
        List<PlayReport> reports = run(OnPreempt.RESUME, b(Priority.PRIORITY, HardTime.WAIT, 0), 3);

        assertThat(story(reports)).containsExactly("a PREEMPTED PREEMPTED_BY:b", "b PLAYED ",
                "a PLAYED RESUMED_AFTER:b");
        assertThat(reports.get(1).getStartedAtMs()).isCloseTo(reports.get(1).getPlannedAtMs(), within(150L));
        List<short[]> wavs = recorded();
        assertThat(concat(wavs.get(0), wavs.get(2))).containsExactly(wholeA());
    }

    @Test
    void aPriorityItemThatAsksToWaitWaits() throws Exception {
        List<PlayReport> reports = run(OnPreempt.RESUME, b(Priority.PRIORITY, HardTime.WAIT, 5_000), 2);

        assertThat(story(reports)).containsExactly("a PLAYED ", "b PLAYED STARTED_LATE");
        assertThat(reports.get(1).getStartedAtMs()).isGreaterThanOrEqualTo(reports.get(0).getEndedAtMs());
        assertThat(recorded().get(0)).containsExactly(wholeA());
    }

    @Test
    void aRecordedAnnouncementInterruptedByAScheduledItemGoesOnFromWhereItStopped() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        h.sourceByItem.put("p", () -> new SineSource(PlayerHarness.AMPLITUDE, B_MS, -1));
        byte[][] packets = OpusPackets.tone(100, 523.25, 8000); // 2 s
        short[] whole = decoded(packets);
        long now = h.clock.millis();
        IncomingBroadcast announcement = h.broadcasts.open(
                OpusPackets.start(12, Priority.NORMAL, false).setStartAtMs(now + 1000).addZoneIds(1).build());
        for (int seq = 0; seq < packets.length; seq++) {
            announcement.addPacket(seq, packets[seq]);
        }
        announcement.end(packets.length);
        PlanItem p = PlayerHarness.item("p", now + 1600, 1).toBuilder().setPriority(Priority.PRIORITY).build();
        h.plan(p);
        h.cacheMedia(p);
        h.start();
        List<PlayReport> reports = h.awaitReports(3);
        h.awaitSilentAndOff();

        assertThat(story(reports)).containsExactly("b12 PREEMPTED PREEMPTED_BY:p", "p PLAYED ",
                "b12 PLAYED RESUMED_AFTER:p");
        assertThat(h.statuses).extracting(s -> s.getState() + " " + s.getReason()).containsExactly("PLAYING ",
                "RECEIVING INTERRUPTED_BY:p", "PLAYING ", "DONE RESUMED_AFTER:p");
        assertThat(recordedItems()).containsExactly("b12", "p", "b12");
        // the two parts are the whole announcement, sample for sample (a start a few ms late dropped what it missed)
        List<short[]> wavs = recorded();
        short[] heard = concat(wavs.get(0), wavs.get(2));
        int missed = whole.length - heard.length;
        assertThat(missed).isBetween(0, (int) (PlaySequence.CATCH_UP_MAX_US * OpusPackets.RATE / 1_000_000));
        assertThat(heard).containsExactly(java.util.Arrays.copyOfRange(whole, missed, whole.length));
        assertThat(h.broadcasts.get(12)).as("finished").isEmpty();
    }

    private static short[] decoded(byte[][] packets) throws IOException {
        IncomingBroadcast copy = new IncomingBroadcast(OpusPackets.start(12, Priority.NORMAL, false).build(), 1);
        for (int seq = 0; seq < packets.length; seq++) {
            copy.addPacket(seq, packets[seq]);
        }
        copy.end(packets.length);
        BroadcastAudioSource source = new BroadcastAudioSource(copy);
        short[] all = new short[0];
        for (short[] f = source.nextFrame(); f != null; f = source.nextFrame()) {
            all = concat(all, f);
        }
        return all;
    }
}
