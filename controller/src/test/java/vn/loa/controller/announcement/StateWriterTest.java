package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.storage.Jdbc;

/**
 * The announcement rows on a real (in-memory) H2 database with the real migrations: the station rows
 * stored in one batch with the start fixed after them, and the batched state writer — order kept, the
 * announcement's state after its stations', a failing batch kept and retried, a bad change losing only
 * itself.
 */
@Timeout(60)
class StateWriterTest {
    /** The database under test: H2 here, PostgreSQL in {@link StateWriterPostgresTest}. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    private TestDatabase.Opened opened;
    @TempDir
    Path dir;

    private Database db;
    private Jdbc jdbc;
    private AnnouncementRepository repository;

    @BeforeEach
    void setUp() {
        opened = database().openFresh(dir);
        db = opened.db();
        jdbc = new Jdbc(db);
        repository = new AnnouncementRepository(jdbc);
    }

    @AfterEach
    void tearDown() {
        opened.close();
    }

    private AnnouncementRepository.Stored announcement(int stations, Instant startAt) {
        Map<Long, SortedSet<Long>> zones = new HashMap<>();
        Map<Long, StationState> initial = new HashMap<>();
        for (long s = 1; s <= stations; s++) {
            zones.put(s, new TreeSet<>(List.of(s * 10, s * 10 + 1)));
            initial.put(s, s % 2 == 0 ? StationState.OFFLINE : StationState.PENDING);
        }
        return repository.create(new AnnouncementRepository.NewAnnouncement("Cảnh báo bão", "EMERGENCY",
                new AnnouncementSource.FromText("Bão số 3", "vi"), null, true, 1, "{}", Instant.EPOCH, null),
                zones, initial, () -> startAt);
    }

    @Test
    void storesEveryStationRowInBatchesAndTheStartFixedAfterThem() {
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        AtomicLong rowsWhenAsked = new AtomicLong(-1);
        Map<Long, SortedSet<Long>> zones = new HashMap<>();
        Map<Long, StationState> initial = new HashMap<>();
        for (long s = 1; s <= 2_500; s++) { // more than one executeBatch of 1,000
            zones.put(s, new TreeSet<>(List.of(s)));
            initial.put(s, StationState.PENDING);
        }
        AnnouncementRepository.Stored stored = repository.create(new AnnouncementRepository.NewAnnouncement("Lũ",
                "EMERGENCY", new AnnouncementSource.Live(), null, false, 1, "{}", Instant.EPOCH, null), zones, initial,
                () -> {
                    // asked once the rows are written (in the same transaction, so another connection sees none yet)
                    rowsWhenAsked.set(jdbc.query("SELECT COUNT(*) FROM announcement_station", rs -> rs.getLong(1)).get(0));
                    return start;
                });
        assertThat(stored.startAt()).isEqualTo(start);
        assertThat(rowsWhenAsked.get()).isZero();
        AnnouncementView v = repository.find(stored.id()).orElseThrow();
        assertThat(v.startAt()).as("the start stored is the one fixed after the rows").isEqualTo(start);
        assertThat(v.stations()).hasSize(2_500);
        assertThat(v.stations().get(41).zoneIds()).containsExactly(42L);
        assertThat(v.stations()).allMatch(s -> s.state() == StationState.PENDING);
    }

    @Test
    void writesQueuedChangesInOrderWithTheAnnouncementStateLast() {
        long id = announcement(3, Instant.now()).id();
        List<Long> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StateWriter writer = new StateWriter(repository, stored::add)) {
            writer.start();
            Instant played = Instant.parse("2026-01-01T00:00:01Z");
            Instant ended = Instant.parse("2026-01-01T00:00:05Z");
            writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.RECEIVING, null, null, "", 0));
            writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.PLAYING, played, null, "", 0));
            writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.DONE, null, ended, "", 2));
            writer.add(new AnnouncementRepository.StationChange(id, 3, StationState.FAILED, null, ended,
                    "x".repeat(900), 0));
            writer.add(new AnnouncementRepository.AnnouncementChange(id, "DONE", null));
            // the timer writes them within a flush period
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.contains(id));
            AnnouncementView v = repository.find(id).orElseThrow();
            assertThat(v.state()).isEqualTo("DONE");
            AnnouncementView.Station one = v.stations().get(0);
            assertThat(one.state()).as("the last of the station's changes wins").isEqualTo(StationState.DONE);
            assertThat(one.startedAt()).as("kept from the PLAYING change").isEqualTo(played);
            assertThat(one.endedAt()).isEqualTo(ended);
            assertThat(one.underruns()).isEqualTo(2);
            assertThat(v.stations().get(1).state()).isEqualTo(StationState.OFFLINE);
            AnnouncementView.Station three = v.stations().get(2);
            assertThat(three.state()).isEqualTo(StationState.FAILED);
            assertThat(three.reason()).as("a reason longer than the column is cut, the state kept").hasSize(500)
                    .endsWith("…");
            assertThat(writer.pending()).isZero();
        }
    }

    @Test
    void aStationsChangesInOneFlushBecomeOneUpdateWithTheSameResult() {
        Instant played = Instant.parse("2026-01-01T00:00:01Z");
        Instant ended = Instant.parse("2026-01-01T00:00:05Z");
        List<AnnouncementRepository.Change> merged = StateWriter.merged(List.of(
                new AnnouncementRepository.StationChange(9, 1, StationState.RECEIVING, null, null, "", 0),
                new AnnouncementRepository.StationChange(9, 2, StationState.RECEIVING, null, null, "", 0),
                new AnnouncementRepository.AnnouncementChange(9, "DONE", null),
                new AnnouncementRepository.StationChange(9, 1, StationState.PLAYING, played, null, "JOINED_LATE", 0),
                new AnnouncementRepository.StationChange(9, 1, StationState.DONE, null, ended, "", 3),
                new AnnouncementRepository.StationChange(8, 1, StationState.FAILED, null, ended, "LINK_LOST", 0)));
        assertThat(merged).containsExactly(
                new AnnouncementRepository.StationChange(9, 1, StationState.DONE, played, ended, "JOINED_LATE", 3),
                new AnnouncementRepository.StationChange(9, 2, StationState.RECEIVING, null, null, "", 0),
                new AnnouncementRepository.StationChange(8, 1, StationState.FAILED, null, ended, "LINK_LOST", 0),
                new AnnouncementRepository.AnnouncementChange(9, "DONE", null));
    }

    @Test
    void closeWritesWhatIsLeft() {
        long id = announcement(1, Instant.now()).id();
        StateWriter writer = new StateWriter(repository, x -> { });
        writer.start();
        writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.FAILED, null, Instant.now(), "NO_REPORT", 0));
        writer.add(new AnnouncementRepository.AnnouncementChange(id, "FAILED", null));
        writer.close();
        AnnouncementView v = repository.find(id).orElseThrow();
        assertThat(v.state()).isEqualTo("FAILED");
        assertThat(v.stations().get(0).reason()).isEqualTo("NO_REPORT");
    }

    @Test
    void aFailingBatchIsKeptThenWrittenOneByOneSoABadChangeLosesOnlyItself() {
        long id = announcement(2, Instant.now()).id();
        List<Long> stored = new ArrayList<>();
        StateWriter writer = new StateWriter(repository, stored::add); // not started: flushed by hand here
        writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.PLAYING, Instant.now(), null, "", 0));
        writer.add(new AnnouncementRepository.AnnouncementChange(id, "NOT-A-STATE-THAT-FITS-ITS-COLUMN", null));
        writer.add(new AnnouncementRepository.StationChange(id, 2, StationState.FAILED, null, Instant.now(), "LINK_LOST", 0));
        for (int attempt = 1; attempt < StateWriter.MAX_ATTEMPTS; attempt++) {
            assertThatThrownBy(writer::flush).hasMessageContaining("attempt " + attempt)
                    .hasMessageContaining("kept for the next flush");
            assertThat(writer.pending()).as("nothing is dropped while it may still be written").isEqualTo(3);
            // the stations' rows go first (written again on the retry: the same values), the state not at all
            assertThat(repository.find(id).orElseThrow().state()).isEqualTo("ACTIVE");
        }
        assertThatThrownBy(writer::flush).hasMessageContaining("1 of 3 could not be stored")
                .hasMessageContaining("announcement " + id + " NOT-A-STATE-THAT-FITS-ITS-COLUMN");
        AnnouncementView v = repository.find(id).orElseThrow();
        assertThat(v.stations()).extracting(AnnouncementView.Station::state)
                .containsExactly(StationState.PLAYING, StationState.FAILED);
        assertThat(v.state()).isEqualTo("ACTIVE");
        assertThat(writer.pending()).isZero();
        assertThat(stored).as("given up: the service stops holding it in memory").containsExactly(id);
        writer.close();
    }

    @Test
    void whileTheDatabaseRefusesEverythingNothingIsDroppedAndItIsWrittenWhenItIsBack() {
        long id = announcement(2, Instant.now()).id();
        List<Long> stored = new ArrayList<>();
        StateWriter writer = new StateWriter(repository, stored::add); // not started: flushed by hand here
        writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.DONE, null, Instant.now(), "", 0));
        writer.add(new AnnouncementRepository.AnnouncementChange(id, "DONE", null));
        jdbc.update("ALTER TABLE announcement_station RENAME TO announcement_station_away");
        jdbc.update("ALTER TABLE announcement RENAME TO announcement_away");
        for (int flush = 1; flush <= StateWriter.MAX_ATTEMPTS + 2; flush++) {
            assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
            assertThat(writer.pending()).as("flush %d: kept", flush).isEqualTo(2);
        }
        assertThat(stored).isEmpty();
        jdbc.update("ALTER TABLE announcement_away RENAME TO announcement");
        jdbc.update("ALTER TABLE announcement_station_away RENAME TO announcement_station");

        writer.flush();

        assertThat(writer.pending()).isZero();
        AnnouncementView v = repository.find(id).orElseThrow();
        assertThat(v.state()).isEqualTo("DONE");
        assertThat(v.stations().get(0).state()).isEqualTo(StationState.DONE);
        assertThat(stored).containsExactly(id);
        writer.close();
    }

    @Test
    void aChangeAfterCloseIsNotQueuedForNobody() {
        long id = announcement(1, Instant.now()).id();
        StateWriter writer = new StateWriter(repository, x -> { });
        writer.close();
        writer.add(new AnnouncementRepository.StationChange(id, 1, StationState.DONE, null, Instant.now(), "", 0));
        assertThat(writer.pending()).isZero();
    }
}
