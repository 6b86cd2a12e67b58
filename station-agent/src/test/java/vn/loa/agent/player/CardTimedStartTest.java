package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.agent.player.PlayerHarness.item;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.agent.arbiter.Interruption;

import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlayReport.Outcome;

/**
 * The card times a stream's start: shortly before the instant the output plays silence counted in
 * samples up to it, so the first sample sounds on the instant (as the simulated card records it) even
 * when the player thread is slowed between that and its first write. The thread is slowed by a gate
 * the test opens {@link #SLOWED_MS} after the thread came to it (Awaitility, polling every ms; no sleep):
 * had the thread timed the start itself (woken on the instant, then slowed), the first sample would be
 * that much late.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CardTimedStartTest {
    /** How long the thread is held before its first write: well inside {@link PlaySequence#CARD_START_LEAD_US}. */
    private static final long SLOWED_MS = 10;

    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @ParameterizedTest(name = "in step with other stations: {0}")
    @ValueSource(booleans = {false, true})
    void theFirstSampleSoundsOnTheInstantThoughTheThreadIsSlowedBeforeItsFirstWrite(boolean inStep) throws Exception {
        Path sim = root.resolve("sim");
        WarmSimStation station = WarmSimStation.at(sim);
        // the interrupter is asked just before the first write: held there, the thread is slowed
        FirstWriteGate gate = new FirstWriteGate();
        PlaySequence.Interrupter slowed = () -> {
            gate.pass();
            return Optional.<Interruption>empty();
        };
        SineSource source = new SineSource(PlayerHarness.AMPLITUDE, 200, -1);
        AtomicLong told = new AtomicLong();
        long startAt = System.currentTimeMillis() + 300;
        Thread opener = Thread.ofPlatform().start(() -> gate.openAfter(SLOWED_MS));

        PlaySequence.Result r = station.sequence().run(new PlaySequence.Spec("slowed", List.of(1L), startAt, List.of(source), 0,
                1f, slowed, inStep, told::set));
        opener.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(r.ending()).isInstanceOf(PlaySequence.Ending.Completed.class);
        assertThat(r.startedAtMs()).isEqualTo(startAt).isEqualTo(told.get());
        SimRecordings.Event first = SimRecordings.find(SimRecordings.events(sim.resolve("events.jsonl")), "audio start", 0);
        assertThat(first.atMs()).as("first sample on the card").isBetween(startAt, startAt + 1);
        // nothing dropped, nothing added: the recording is the content
        assertThat(SimRecordings.readWav(SimRecordings.wavs(sim).get(0)).samples()).containsExactly(source.produced());
        station.close();
    }

    @Test
    void aScheduledItemsFirstSampleIsOnItsInstantThoughThePlayerIsSlowedBeforeItsFirstWrite() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        FirstWriteGate gate = new FirstWriteGate();
        h.audio.firstWriteGate = gate;
        PlanItem item = item("news", h.clock.millis() + 1000, 1);
        h.plan(item);
        h.cacheMedia(item);

        h.start();
        gate.openAfter(SLOWED_MS);
        PlayReport report = h.awaitReports(1).get(0);
        h.awaitSilentAndOff();

        assertThat(report.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(report.getStartedAtMs()).isEqualTo(item.getPlannedAtMs());
        SimRecordings.Event first = SimRecordings.find(h.events(), "audio start", 0);
        assertThat(first.atMs()).as("first sample on the card").isBetween(item.getPlannedAtMs(),
                item.getPlannedAtMs() + 1);
        assertThat(SimRecordings.readWav(h.wavs().get(0)).samples()).containsExactly(h.sources.get(0).produced());
    }
}
