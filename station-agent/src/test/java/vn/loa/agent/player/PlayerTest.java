package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static vn.loa.agent.player.PlayerHarness.AMPLITUDE;
import static vn.loa.agent.player.PlayerHarness.HOLD;
import static vn.loa.agent.player.PlayerHarness.SETTLE;
import static vn.loa.agent.player.PlayerHarness.WARM_UP;
import static vn.loa.agent.player.PlayerHarness.item;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.agent.store.PlayJournal;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlayReport.Outcome;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PlayerTest {
    /** How far from the planned instant the first sample may sound. */
    private static final long ON_TIME_MS = 50;
    /** Clock readings are whole milliseconds; allow that much when comparing waits. */
    private static final long MS_SLACK = 3;
    /**
     * The settle time is what remains between the zones and the planned instant, so a player thread that
     * wakes a few ms late (scheduler jitter) shortens it by that much; the first sample stays on time.
     */
    private static final long SETTLE_JITTER_MS = 25;

    private static final double PEAK_DBFS = 20 * Math.log10(AMPLITUDE / 32768.0);
    private static final double RMS_DBFS = 20 * Math.log10(AMPLITUDE / Math.sqrt(2) / 32768.0);

    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    private PlayerHarness harness(long... zones) throws IOException {
        h = new PlayerHarness(root, "boot-1", zones);
        return h;
    }

    @Test
    void playsAnItemOnceAtThePlannedInstantWithTheSwitchingOrder() throws Exception {
        harness(1, 2, 3);
        h.synchronise();
        PlanItem item = item("news", h.clock.millis() + 1000, 2, 1);
        h.plan(item);
        h.cacheMedia(item);

        h.start();
        PlayReport report = h.awaitReports(1).get(0);
        h.awaitSilentAndOff();

        // the report
        assertThat(report.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(report.getReason()).isEmpty();
        assertThat(report.getItemId()).isEqualTo("news");
        assertThat(report.getScheduleId()).isEqualTo(11);
        assertThat(report.getBulletinId()).isEqualTo(22);
        assertThat(report.getZoneIdsList()).containsExactly(2L, 1L);
        assertThat(report.getPlannedAtMs()).isEqualTo(item.getPlannedAtMs());
        assertThat(report.getPriority()).isEqualTo(item.getPriority());
        assertThat(report.getReportId()).matches("[A-Za-z0-9-]{1,64}"); // what the outbox accepts
        assertThat(report.getStartedAtMs()).isCloseTo(item.getPlannedAtMs(), within(ON_TIME_MS));
        assertThat(report.getEndedAtMs() - report.getStartedAtMs()).isBetween(480L, 1500L);
        assertThat((double) report.getPeakDbfs()).isCloseTo(PEAK_DBFS, within(0.05));
        assertThat((double) report.getRmsDbfs()).isCloseTo(RMS_DBFS, within(0.05));

        // the switching order, zones in item order and released in reverse
        List<SimRecordings.Event> events = h.events();
        assertThat(SimRecordings.describe(events)).containsExactly("amplifier on", "zone 2 on", "zone 1 on",
                "audio start", "audio stop", "zone 1 off", "zone 2 off", "amplifier off");
        long ampOn = events.get(0).atMs();
        long zonesOn = events.get(2).atMs();
        long audioStart = events.get(3).atMs();
        long audioStop = events.get(4).atMs();
        long zonesOff = events.get(6).atMs();
        long ampOff = events.get(7).atMs();
        assertThat(events.get(1).atMs() - ampOn).as("warm-up").isGreaterThanOrEqualTo(WARM_UP.toMillis() - MS_SLACK);
        assertThat(audioStart - zonesOn).as("zone settle")
                .isGreaterThanOrEqualTo(SETTLE.toMillis() - SETTLE_JITTER_MS);
        assertThat(audioStart).as("first sample").isCloseTo(item.getPlannedAtMs(), within(ON_TIME_MS));
        assertThat(audioStop - audioStart).as("played for").isBetween(480L, 1000L);
        assertThat(ampOff - zonesOff).as("hold").isGreaterThanOrEqualTo(HOLD.toMillis() - MS_SLACK);

        // the recording is exactly what the source produced, from the cached file
        assertThat(h.opened).containsExactly(h.cache.complete(item.getMediaSha256()));
        assertThat(h.sources).hasSize(1);
        SineSource source = h.sources.get(0);
        assertThat(source.isClosed()).isTrue();
        assertThat(h.wavs()).hasSize(1);
        SimRecordings.Wav wav = SimRecordings.readWav(h.wavs().get(0));
        assertThat(wav.sampleRate()).isEqualTo(SineSource.RATE);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.samples()).hasSize(SineSource.RATE / 2).containsExactly(source.produced());

        // handled once: journaled, and not played again
        assertThat(h.journal.isHandled("news")).isTrue();
        assertThat(h.journal.interrupted()).isEmpty();
        assertThat(h.reports).hasSize(1);
        assertThat(h.player.playingItemId()).isEmpty();
    }

    record Scenario(String name, Consumer<PlayerHarness> setup, long plannedInMs, Outcome outcome,
            Consumer<String> reason, boolean sounded, List<String> events) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> FULL_PLAY = List.of("amplifier on", "zone 1 on", "zone 2 on", "zone 3 on",
            "audio start", "audio stop", "zone 3 off", "zone 2 off", "zone 1 off", "amplifier off");

    static Stream<Arguments> failures() {
        return Stream.of(
                new Scenario("one zone relay fails: the others play", x -> x.devices.zones().simulateFault(2), 700,
                        Outcome.PLAYED, r -> assertThat(r).isEqualTo("ZONES_FAILED:2"), true,
                        List.of("amplifier on", "zone 1 on", "zone 3 on", "audio start", "audio stop", "zone 3 off",
                                "zone 1 off", "amplifier off")),
                new Scenario("two zone relays fail", x -> {
                    x.devices.zones().simulateFault(1);
                    x.devices.zones().simulateFault(3);
                }, 700, Outcome.PLAYED, r -> assertThat(r).isEqualTo("ZONES_FAILED:1,3"), true,
                        List.of("amplifier on", "zone 2 on", "audio start", "audio stop", "zone 2 off",
                                "amplifier off")),
                new Scenario("every zone relay fails: no audio", x -> {
                    for (long z = 1; z <= 3; z++) {
                        x.devices.zones().simulateFault(z);
                    }
                }, 700, Outcome.FAILED, r -> assertThat(r).isEqualTo("ZONES_FAILED"), false,
                        List.of("amplifier on", "amplifier off")),
                new Scenario("amplifier fault", x -> x.devices.amplifier().simulateFault("overheated"), 700,
                        Outcome.FAILED, r -> assertThat(r).startsWith("HARDWARE").contains("overheated"), false,
                        List.of()),
                new Scenario("media not in the cache", x -> {
                    try {
                        java.nio.file.Files.delete(x.cache.complete(PlayerHarness.sha("x")));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, 700, Outcome.FAILED, r -> assertThat(r).isEqualTo("MEDIA_MISSING"), false, List.of()),
                new Scenario("older than the late tolerance", x -> { }, -120_000, Outcome.SKIPPED,
                        r -> assertThat(r).isEqualTo("TOO_LATE"), false, List.of()),
                new Scenario("media cannot be opened", x -> x.openFailure = new IOException("bad LOP header"), 700,
                        Outcome.FAILED, r -> assertThat(r).isEqualTo("MEDIA_CORRUPT"), false, List.of()),
                new Scenario("media corrupt half-way", x -> x.sourceFactory =
                        () -> new SineSource(AMPLITUDE, PlayerHarness.DURATION_MS, 5), 700, Outcome.FAILED,
                        r -> assertThat(r).isEqualTo("MEDIA_CORRUPT"), true, FULL_PLAY),
                new Scenario("sound card fails half-way", x -> x.audio.failAfterWrites = 5, 700, Outcome.FAILED,
                        r -> assertThat(r).isEqualTo("HARDWARE: audio: device unplugged"), true, FULL_PLAY))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresAreReportedAndLeaveTheStationSafe(Scenario s) throws Exception {
        harness(1, 2, 3);
        h.synchronise();
        PlanItem item = item("x", h.clock.millis() + s.plannedInMs(), 1, 2, 3);
        h.plan(item);
        h.cacheMedia(item);
        s.setup().accept(h);

        h.start();
        PlayReport report = h.awaitReports(1).get(0);
        h.awaitSilentAndOff();

        assertThat(report.getItemId()).isEqualTo("x");
        assertThat(report.getOutcome()).isEqualTo(s.outcome());
        s.reason().accept(report.getReason());
        if (s.sounded()) { // punctuality is checked by the tests above; here only that it did start
            assertThat(report.getStartedAtMs()).isBetween(item.getPlannedAtMs(), item.getPlannedAtMs() + 1000);
        } else {
            assertThat(report.getStartedAtMs()).isZero();
        }
        assertThat(SimRecordings.describe(h.events())).containsExactlyElementsOf(s.events());
        assertThat(h.wavs()).hasSize(s.sounded() ? 1 : 0);
        assertThat(h.devices.amplifier().isPowered()).isFalse();
        assertThat(h.devices.zones().activeZones()).isEmpty();
        assertThat(h.sources).allSatisfy(src -> assertThat(src.isClosed()).isTrue());
        assertThat(h.journal.isHandled("x")).isTrue();
        assertThat(h.journal.interrupted()).isEmpty();
        assertThat(h.reports).hasSize(1);
    }

    @Test
    void neverFiresWhileTheClockIsUnknownThenPlaysLateOnceSynchronised() throws Exception {
        harness(1);
        PlanItem item = item("early", h.clock.millis() + 300, 1);
        h.plan(item);
        h.cacheMedia(item);
        h.start();

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> h.reports.isEmpty() && h.events().isEmpty() && !h.devices.amplifier().isPowered());
        assertThat(h.journal.isHandled("early")).isFalse();

        h.synchronise();
        h.player.wake();
        PlayReport report = h.awaitReports(1).get(0);

        assertThat(report.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(report.getReason()).contains("STARTED_LATE");
        assertThat(report.getStartedAtMs() - item.getPlannedAtMs()).isGreaterThan(2000);
        h.awaitSilentAndOff();
        assertThat(SimRecordings.describe(h.events())).containsExactly("amplifier on", "zone 1 on", "audio start",
                "audio stop", "zone 1 off", "amplifier off");
    }

    @Test
    void backToBackItemsKeepTheAmplifierOnWhenTheGapIsShorterThanTheHold() throws Exception {
        harness(1, 2);
        h.synchronise();
        h.start(); // the plan arrives while the player runs
        long t = h.clock.millis() + 1000;
        long gap = HOLD.toMillis() - 100;
        PlanItem second = item("second", t + PlayerHarness.DURATION_MS + gap, 2);
        PlanItem first = item("first", t, 1);
        h.plan(second, first); // not in time order
        h.cacheMedia(first, second);
        h.player.wake();

        List<PlayReport> reports = h.awaitReports(2);
        h.awaitSilentAndOff();

        assertThat(reports).extracting(PlayReport::getItemId).containsExactly("first", "second");
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.getOutcome()).isEqualTo(Outcome.PLAYED);
            assertThat(r.getReason()).isEmpty();
            assertThat(r.getStartedAtMs()).isCloseTo(r.getPlannedAtMs(), within(ON_TIME_MS));
        });
        List<SimRecordings.Event> events = h.events();
        assertThat(SimRecordings.describe(events)).containsExactly("amplifier on", "zone 1 on", "audio start",
                "audio stop", "zone 1 off", "zone 2 on", "audio start", "audio stop", "zone 2 off", "amplifier off");
        long secondZoneOn = SimRecordings.find(events, "zone 2 on", 0).atMs();
        long secondStart = SimRecordings.find(events, "audio start", 3).atMs();
        assertThat(secondStart - secondZoneOn).as("zone settle")
                .isGreaterThanOrEqualTo(SETTLE.toMillis() - SETTLE_JITTER_MS);
        assertThat(h.wavs()).hasSize(2);
    }

    @Test
    void anItemJustAfterTheHoldStillStartsOnTime() throws Exception {
        harness(1);
        h.synchronise();
        long t = h.clock.millis() + 1000;
        // the second item needs the amplifier (warm-up included) before the hold of the first one ends
        long gap = HOLD.toMillis() + WARM_UP.toMillis() / 2;
        PlanItem first = item("first", t, 1);
        PlanItem second = item("second", t + PlayerHarness.DURATION_MS + gap, 1);
        h.plan(first, second);
        h.cacheMedia(first, second);

        h.start();
        List<PlayReport> reports = h.awaitReports(2);
        h.awaitSilentAndOff();

        assertThat(reports).allSatisfy(r -> {
            assertThat(r.getOutcome()).isEqualTo(Outcome.PLAYED);
            assertThat(r.getStartedAtMs()).as(r.getItemId() + " start")
                    .isCloseTo(r.getPlannedAtMs(), within(ON_TIME_MS));
        });
        // and the amplifier relay is not flapped off and on between them
        assertThat(SimRecordings.describe(h.events())).filteredOn(e -> e.startsWith("amplifier"))
                .containsExactly("amplifier on", "amplifier off");
    }

    @Test
    void aLateItemStillGetsTheZoneSettleTimeBeforeAudio() throws Exception {
        harness(1);
        h.synchronise();
        PlanItem item = item("late", h.clock.millis() - 3000, 1);
        h.plan(item);
        h.cacheMedia(item);

        h.start();
        PlayReport report = h.awaitReports(1).get(0);
        h.awaitSilentAndOff();

        assertThat(report.getOutcome()).isEqualTo(Outcome.PLAYED);
        List<SimRecordings.Event> events = h.events();
        long zoneOn = SimRecordings.find(events, "zone 1 on", 0).atMs();
        long audioStart = SimRecordings.find(events, "audio start", 0).atMs();
        assertThat(audioStart - zoneOn).as("zone settle")
                .isGreaterThanOrEqualTo(SETTLE.toMillis() - SETTLE_JITTER_MS);
    }

    @Test
    void anItemCutOffByACrashIsReportedAgentRestartedAndNotReplayed() throws Exception {
        long now = System.currentTimeMillis();
        PlanItem done = item("done", now - 6000, 1);
        PlanItem cut = item("cut", now - 5000, 1);
        PlanItem fresh = item("fresh", now - 2000, 1);
        // the previous run: synchronised, played "done", was killed while playing "cut"
        try (PlayerHarness previous = new PlayerHarness(root, "boot-1", 1)) {
            previous.synchronise();
            previous.plan(done, cut, fresh);
        }
        try (PlayJournal j = new PlayJournal(root.resolve("data"))) {
            j.markStarted("done");
            j.markReported("done");
            j.markStarted("cut");
            // it went out for 2.5 s before the kill, the journal's last progress at 2 s
            j.markAudioStarted("cut", cut.getPlannedAtMs() + 3);
            j.markProgress("cut", cut.getPlannedAtMs() + 2_003, -6.5f, -21.0f);
        }

        // the agent restarts within the same boot: clock restored, plan loaded from disk
        harness(1);
        h.clock.restore();
        assertThat(h.clock.isSynchronised()).isTrue();
        assertThat(h.plans.load().getItemsList()).hasSize(3);
        h.cacheMedia(done, cut, fresh);
        h.start();

        List<PlayReport> reports = h.awaitReports(2);
        h.awaitSilentAndOff();

        assertThat(reports.get(0).getItemId()).isEqualTo("cut");
        assertThat(reports.get(0).getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(reports.get(0).getReason()).isEqualTo("AGENT_RESTARTED");
        assertThat(reports.get(0).getPlannedAtMs()).isEqualTo(cut.getPlannedAtMs());
        // the part that went out: its first sample, the last progress journalled, the levels up to it
        assertThat(reports.get(0).getStartedAtMs()).isEqualTo(cut.getPlannedAtMs() + 3);
        assertThat(reports.get(0).getEndedAtMs()).isEqualTo(cut.getPlannedAtMs() + 2_003);
        assertThat(reports.get(0).getPeakDbfs()).isEqualTo(-6.5f);
        assertThat(reports.get(0).getRmsDbfs()).isEqualTo(-21.0f);
        assertThat(reports.get(1).getItemId()).isEqualTo("fresh");
        assertThat(reports.get(1).getOutcome()).isEqualTo(Outcome.PLAYED);
        // only "fresh" was played; the amplifier went off after it, so nothing else was pending
        assertThat(h.wavs()).hasSize(1).allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith("-fresh.wav"));
        assertThat(h.reports).hasSize(2);
        assertThat(h.journal.interrupted()).isEmpty();
    }

    @Test
    void stoppingDuringTheWarmUpSwitchesNoZoneOnAndReportsNoStart() throws Exception {
        harness(1, 2);
        h.synchronise();
        PlanItem item = item("warming", h.clock.millis() + 1500, 1, 2);
        h.plan(item);
        h.cacheMedia(item);
        h.start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> SimRecordings.describe(h.events()).contains("amplifier on"));
        h.player.close();

        assertThat(h.reports).hasSize(1);
        PlayReport report = h.reports.get(0);
        assertThat(report.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.getReason()).isEqualTo("AGENT_STOPPING");
        assertThat(report.getStartedAtMs()).as("started_at_ms: 0 if never started").isZero();
        assertThat(SimRecordings.describe(h.events())).containsExactly("amplifier on", "amplifier off");
    }

    @Test
    void stoppingThePlayerMidPlayCutsTheAudioAndLeavesTheStationSafe() throws Exception {
        harness(1, 2);
        h.synchronise();
        h.sourceFactory = () -> new SineSource(AMPLITUDE, 5000, -1);
        PlanItem item = item("long", h.clock.millis() + 700, 1, 2);
        h.plan(item);
        h.cacheMedia(item);
        h.start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> SimRecordings.describe(h.events()).contains("audio start"));
        assertThat(h.player.playingItemId()).isEqualTo("long");
        h.player.close();

        assertThat(h.reports).hasSize(1);
        PlayReport report = h.reports.get(0);
        assertThat(report.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.getReason()).isEqualTo("AGENT_STOPPING");
        assertThat(h.devices.amplifier().isPowered()).isFalse();
        assertThat(h.devices.zones().activeZones()).isEmpty();
        assertThat(SimRecordings.describe(h.events())).containsExactly("amplifier on", "zone 1 on", "zone 2 on",
                "audio start", "audio stop", "zone 2 off", "zone 1 off", "amplifier off");
        short[] recorded = SimRecordings.readWav(h.wavs().get(0)).samples();
        short[] produced = h.sources.get(0).produced();
        assertThat(recorded.length).isLessThan(SineSource.RATE * 5).isLessThanOrEqualTo(produced.length);
        assertThat(recorded).containsExactly(java.util.Arrays.copyOf(produced, recorded.length));
    }
}
