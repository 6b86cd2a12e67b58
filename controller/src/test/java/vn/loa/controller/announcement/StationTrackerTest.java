package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.testsupport.FakeClock;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Priority;

/**
 * The stations' states of running announcements, over a real (in-memory) H2 database: reports, lost links
 * of the current and of earlier attempts, stopping, finishing, and live announcements that never get audio.
 */
@Timeout(60)
class StationTrackerTest {
    private final FakeClock clock = new FakeClock(Instant.now());
    private Database db;
    private AnnouncementRepository repository;
    private StationTracker tracker;
    private final List<Double> starts = new ArrayList<>();

    /** Records what the tracker asks of the wire. */
    static final class RecordingTransmission implements Transmission {
        final List<String> calls = new ArrayList<>();
        boolean ended;

        @Override
        public void addPacket(byte[] opus) {
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public int packetCount() {
            return 0;
        }

        @Override
        public void open(long startAtMs, Map<Executor, List<Start>> startsByLoop) {
            calls.add("open");
        }

        @Override
        public void join(Start start) {
            calls.add("join");
        }

        @Override
        public void resume(Start start) {
            calls.add("resume");
        }

        @Override
        public StationLink linkOf(long stationId) {
            return null;
        }

        @Override
        public void stop(String reason) {
            ended = true;
            calls.add("stop " + reason);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:tracker-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        repository = new AnnouncementRepository(new Jdbc(db));
        tracker = new StationTracker(repository, clock);
        tracker.onStationStart((priority, seconds) -> starts.add(seconds));
        tracker.start();
    }

    @AfterEach
    void tearDown() {
        tracker.close();
        db.close();
    }

    /** Stations 1 and 2 connected (PENDING), 3 offline; recorded, 30 s, opened now + 1 s (or live, not opened). */
    private RunningAnnouncement announcement(RecordingTransmission tx, boolean live) {
        Map<Long, SortedSet<Long>> zones = new HashMap<>();
        Map<Long, StationState> initial = new HashMap<>();
        for (long s = 1; s <= 3; s++) {
            zones.put(s, new TreeSet<>(List.of(s * 10)));
            initial.put(s, s == 3 ? StationState.OFFLINE : StationState.PENDING);
        }
        long startAt = clock.millis() + 1_000;
        AnnouncementRepository.Stored stored = repository.create(new AnnouncementRepository.NewAnnouncement("Tin khẩn",
                "EMERGENCY", live ? new AnnouncementSource.Live() : new AnnouncementSource.FromText("Bão số 3", "vi"), null, true,
                1, "{}", clock.instant(), null), zones, initial, () -> Instant.ofEpochMilli(startAt));
        BroadcastStart template = BroadcastStart.newBuilder().setBroadcastId(stored.id()).setPriority(Priority.EMERGENCY)
                .setLive(live).setSampleRate(24_000).setFrameSamples(480).setTotalSamples(live ? 0 : 24_000 * 30L)
                .setRepeat(1).build();
        RunningAnnouncement a = new RunningAnnouncement(template, zones, initial, tx, clock.millis());
        tracker.track(a);
        if (!live) {
            tx.end();
            a.open(startAt);
        }
        return a;
    }

    private static BroadcastStatus status(RunningAnnouncement a, BroadcastStatus.State state, long atMs, String reason) {
        return BroadcastStatus.newBuilder().setBroadcastId(a.id).setState(state).setAtMs(atMs).setReason(reason).build();
    }

    private AnnouncementView.Station stored(long id, long station) {
        return repository.find(id).orElseThrow().stations().stream().filter(s -> s.stationId() == station).findFirst()
                .orElseThrow();
    }

    private StationState shown(long id, long station) {
        return tracker.view(id).orElseThrow().stations().stream().filter(s -> s.stationId() == station).findFirst()
                .orElseThrow().state();
    }

    @Test
    void reportsAreShownAtOnceAndStoredInBatchesAndALateReportChangesNothing() {
        RunningAnnouncement a = announcement(new RecordingTransmission(), false);
        long t0 = clock.millis();
        tracker.onStatus(1, status(a, BroadcastStatus.State.RECEIVING, t0, ""));
        tracker.onStatus(1, status(a, BroadcastStatus.State.PLAYING, t0 + 1_000, ""));
        assertThat(shown(a.id, 1)).isEqualTo(StationState.PLAYING);
        assertThat(starts).as("the start latency, once, from the creation").containsExactly(1.0);
        tracker.onStatus(1, status(a, BroadcastStatus.State.DONE, t0 + 31_000, ""));
        tracker.onStatus(1, status(a, BroadcastStatus.State.PLAYING, t0 + 32_000, "")); // late, out of order
        assertThat(shown(a.id, 1)).isEqualTo(StationState.DONE);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            AnnouncementView.Station s = stored(a.id, 1);
            assertThat(s.state()).isEqualTo(StationState.DONE);
            assertThat(s.startedAt()).isEqualTo(Instant.ofEpochMilli(t0 + 1_000));
            assertThat(s.endedAt()).isEqualTo(Instant.ofEpochMilli(t0 + 31_000));
        });
        // an offline station that reports anyway (it connected and was sent the start) is taken
        tracker.onStatus(3, status(a, BroadcastStatus.State.RECEIVING, t0, ""));
        assertThat(shown(a.id, 3)).isEqualTo(StationState.RECEIVING);
    }

    @Test
    void aLostLinkCountsOnlyForTheAttemptItCarriedAndNotOnceTheStationEnded() {
        RunningAnnouncement a = announcement(new RecordingTransmission(), false);
        long t0 = clock.millis();
        tracker.onStatus(1, status(a, BroadcastStatus.State.PLAYING, t0, ""));
        tracker.onStatus(2, status(a, BroadcastStatus.State.DONE, t0, ""));
        tracker.linkLost(a.id, 2, 0, t0 + 1);
        assertThat(shown(a.id, 2)).as("ended before its link was lost").isEqualTo(StationState.DONE);
        tracker.resumed(a, 1); // back on a new link: attempt 1
        tracker.linkLost(a.id, 1, 0, t0 + 2);
        assertThat(shown(a.id, 1)).as("its old link closing is no news").isEqualTo(StationState.PLAYING);
        tracker.linkLost(a.id, 1, 1, t0 + 3);
        assertThat(a.state(1).linkLost()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(stored(a.id, 1).reason()).isEqualTo(TargetState.LINK_LOST));
    }

    @Test
    void aStopCancelsTheStationsThatHadNotStartedAndIsStoredBeforeItReturns() {
        RecordingTransmission tx = new RecordingTransmission();
        RunningAnnouncement a = announcement(tx, false);
        tracker.onStatus(1, status(a, BroadcastStatus.State.PLAYING, clock.millis(), ""));
        assertThat(tracker.stop(a.id, "STOPPED_BY_OPERATOR")).isTrue();
        assertThat(tx.calls).containsExactly("stop STOPPED_BY_OPERATOR");
        AnnouncementView v = repository.find(a.id).orElseThrow();
        assertThat(v.state()).isEqualTo("STOPPED");
        assertThat(stored(a.id, 1).state()).as("playing: it reports its own end").isEqualTo(StationState.PLAYING);
        assertThat(stored(a.id, 2).state()).isEqualTo(StationState.FAILED);
        assertThat(stored(a.id, 2).reason()).isEqualTo("CANCELLED_BEFORE_START");
        assertThat(stored(a.id, 3).reason()).isEqualTo("CANCELLED_BEFORE_START");
        assertThat(tracker.stop(a.id, "again")).isFalse();
        assertThat(tracker.running(a.id)).isEmpty();
    }

    @Test
    void anAnnouncementEveryStationHasEndedIsFinishedAndItsTransmissionClosed() {
        RecordingTransmission tx = new RecordingTransmission();
        RunningAnnouncement a = announcement(tx, false);
        long t0 = clock.millis();
        tracker.onStatus(1, status(a, BroadcastStatus.State.DONE, t0, ""));
        tracker.onStatus(2, status(a, BroadcastStatus.State.FAILED, t0, "DEVICE_FAULT"));
        tracker.onStatus(3, status(a, BroadcastStatus.State.DONE, t0, ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.running(a.id).isEmpty());
        assertThat(tracker.view(a.id).orElseThrow().state()).isEqualTo("DONE");
        assertThat(tx.calls).containsExactly("close");
        await().atMost(Duration.ofSeconds(5)).until(() -> repository.find(a.id).orElseThrow().state().equals("DONE"));
    }

    @Test
    void aLiveAnnouncementWithoutAudioForAMinuteIsGivenUp() {
        RecordingTransmission tx = new RecordingTransmission();
        RunningAnnouncement a = announcement(tx, true);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> tracker.running(a.id).isPresent());
        clock.advance(Duration.ofMillis(StationTracker.LIVE_WAIT_MS + 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.running(a.id).isEmpty());
        assertThat(tx.calls).containsExactly("stop NO_LIVE_AUDIO");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(repository.find(a.id).orElseThrow().state()).isEqualTo("FAILED");
            assertThat(stored(a.id, 1).reason()).isEqualTo("NO_LIVE_AUDIO");
        });
    }
}
