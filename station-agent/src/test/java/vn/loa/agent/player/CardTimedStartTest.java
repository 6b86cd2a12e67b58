package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loa.agent.player.PlayerHarness.item;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.agent.arbiter.Interruption;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.hardware.switching.SwitchingSequence;

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

    /** Opens {@code gate} {@link #SLOWED_MS} after the thread came to it ({@code askedNanos} set). */
    private static void openAfterTheSlowDown(CountDownLatch gate, AtomicLong askedNanos) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> askedNanos.get() != 0
                && System.nanoTime() - askedNanos.get() >= TimeUnit.MILLISECONDS.toNanos(SLOWED_MS));
        gate.countDown();
    }

    @ParameterizedTest(name = "in step with other stations: {0}")
    @ValueSource(booleans = {false, true})
    void theFirstSampleSoundsOnTheInstantThoughTheThreadIsSlowedBeforeItsFirstWrite(boolean inStep) throws Exception {
        Path sim = root.resolve("sim");
        SimHardware.Devices devices = SimHardware.create(sim, Clock.systemUTC(), Set.of(1L));
        StationHardware hardware = new StationHardware(devices.amplifier(), devices.zones(), devices.audio(),
                devices.sensors(), List.of());
        hardware.amplifier().setPowered(true); // warm already: the start instant is the only wait
        PlaySequence sequence = new PlaySequence(42, hardware,
                new SwitchingSequence.Timings(Duration.ZERO, Duration.ZERO), Clock.systemUTC(), () -> true);
        // the interrupter is asked just before the first write: held there, the thread is slowed
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong askedNanos = new AtomicLong();
        PlaySequence.Interrupter slowed = () -> {
            if (askedNanos.compareAndSet(0, System.nanoTime())) {
                try {
                    if (!gate.await(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the gate was never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted at the gate", e);
                }
            }
            return Optional.<Interruption>empty();
        };
        SineSource source = new SineSource(PlayerHarness.AMPLITUDE, 200, -1);
        AtomicLong told = new AtomicLong();
        long startAt = System.currentTimeMillis() + 300;
        Thread opener = Thread.ofPlatform().start(() -> openAfterTheSlowDown(gate, askedNanos));

        PlaySequence.Result r = sequence.run(new PlaySequence.Spec("slowed", List.of(1L), startAt, List.of(source), 0,
                1f, slowed, inStep, told::set));
        opener.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(r.ending()).isInstanceOf(PlaySequence.Ending.Completed.class);
        assertThat(r.startedAtMs()).isEqualTo(startAt).isEqualTo(told.get());
        SimRecordings.Event first = SimRecordings.find(SimRecordings.events(sim.resolve("events.jsonl")), "audio start", 0);
        assertThat(first.atMs()).as("first sample on the card").isBetween(startAt, startAt + 1);
        // nothing dropped, nothing added: the recording is the content
        assertThat(SimRecordings.readWav(SimRecordings.wavs(sim).get(0)).samples()).containsExactly(source.produced());
        devices.hardware().close();
    }

    @Test
    void aScheduledItemsFirstSampleIsOnItsInstantThoughThePlayerIsSlowedBeforeItsFirstWrite() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        CountDownLatch gate = new CountDownLatch(1);
        h.audio.firstWriteGate = gate;
        PlanItem item = item("news", h.clock.millis() + 1000, 1);
        h.plan(item);
        h.cacheMedia(item);

        h.start();
        openAfterTheSlowDown(gate, h.audio.firstWriteAskedNanos);
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
