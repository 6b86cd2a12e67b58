package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Database;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.storage.StorageException;

/** Batched storage of raw health samples, on the real H2 database. */
@Timeout(60)
class HealthSampleWriterTest {
    /** The database under test: H2 here, PostgreSQL in {@link HealthSampleWriterPostgresTest}. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    private TestDatabase.Opened opened;
    private static final Instant T0 = Instant.parse("2026-12-15T10:00:00Z");
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    Path dir;

    private Database db;
    private Jdbc jdbc;
    private final List<HealthSampleWriter> writers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger writerLog = (Logger) LoggerFactory.getLogger(HealthSampleWriter.class);

    @BeforeEach
    void open() {
        opened = database().openFresh(dir);
        db = opened.db();
        jdbc = new Jdbc(db);
        logs.start();
        writerLog.addAppender(logs);
    }

    @AfterEach
    void close() {
        writers.forEach(HealthSampleWriter::close);
        writerLog.detachAppender(logs);
        opened.close();
    }

    private HealthSampleWriter writer(int batchRows, Duration interval, int capacity, Duration warnEvery) {
        HealthSampleWriter w = new HealthSampleWriter(jdbc, batchRows, interval, capacity, warnEvery);
        writers.add(w);
        return w;
    }

    private static HealthSample sample(long station, long second) {
        return sample(station, second, List.of(3L, 4L));
    }

    private static HealthSample sample(long station, long second, List<Long> relaysOn) {
        return new HealthSample(station, T0.plusSeconds(second), 1000 + second, 0.5, null, 1L << 30, null, 5L << 30,
                16L << 30, 20_000, -120, true, "0.1.0", true, true, false, true, false, relaysOn, List.of(9L), -18.5f,
                80, "item-" + second, 2, 0, 1, 3);
    }

    private int queued() {
        return writers.get(0).queued();
    }

    private int stored() {
        return jdbc.queryOne("SELECT COUNT(*) AS n FROM health_sample", rs -> rs.getInt("n")).orElseThrow();
    }

    private List<Long> storedSeconds() {
        return jdbc.query("SELECT sampled_at FROM health_sample ORDER BY sampled_at",
                rs -> Jdbc.instant(rs, "sampled_at").getEpochSecond() - T0.getEpochSecond());
    }

    private void tableAway() {
        jdbc.update("ALTER TABLE health_sample RENAME TO health_sample_away");
    }

    private void tableBack() {
        jdbc.update("ALTER TABLE health_sample_away RENAME TO health_sample");
    }

    private List<String> warnings(String containing) {
        synchronized (logs) { // AppenderBase appends under its own monitor
            return logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
        }
    }

    private boolean logged(String prefix) {
        synchronized (logs) { // AppenderBase appends under its own monitor
            return logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(prefix));
        }
    }

    @Test
    void aFullBatchIsWrittenAtOnceAndTheRestOnTheInterval() {
        HealthSampleWriter w = writer(500, LONG, 10_000, LONG);
        for (int i = 0; i < 1_200; i++) {
            w.add(sample(1 + i % 7, i));
        }
        // full batches go without waiting for the (hour-long) interval; what is left below a batch waits.
        // (How the 1,200 split depends on when the loop wakes: it stores all it drains, at least one batch.)
        await().atMost(Duration.ofSeconds(20)).until(() -> queued() < 500 && stored() + queued() == 1_200);
        assertThat(stored()).isGreaterThanOrEqualTo(700);
        w.flush();
        assertThat(stored()).isEqualTo(1_200);
        assertThat(w.queued()).isZero();
        assertThat(w.dropped()).isZero();

        HealthSampleWriter timed = writer(500, Duration.ofMillis(200), 10_000, LONG);
        timed.add(sample(8, 5_000));
        timed.add(sample(8, 5_010));
        await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 1_202);
    }

    @Test
    void everyFieldIsStoredAsGiven() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        HealthRepository repo = new HealthRepository(jdbc, w);
        HealthSample s = sample(4, 30);
        repo.add(s);
        // the reader flushes first: a sample added just before is seen
        assertThat(repo.raw(4, T0, T0.plusSeconds(60), 10)).containsExactly(s);
    }

    @Test
    void closingFlushesTheQueue() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        for (int i = 0; i < 7; i++) {
            w.add(sample(2, i));
        }
        assertThat(stored()).as("nothing is written before the interval or a full batch").isZero();
        w.close();
        assertThat(stored()).isEqualTo(7);
        w.close(); // twice changes nothing
        assertThat(stored()).isEqualTo(7);
    }

    @Test
    void aFullQueueDropsTheOldestAndSaysHowMany() {
        tableAway(); // the database refuses every write
        HealthSampleWriter w = writer(5, Duration.ofMillis(50), 10, LONG);
        for (int i = 0; i < 25; i++) {
            w.add(sample(3, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> w.dropped() == 15 && w.queued() == 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> w.failedWrites() >= 2);
        assertThat(warnings("dropped since the last warning")).as("rate-limited: one warning within the period")
                .hasSize(1);
        assertThat(warnings("refused a batch")).as("the first refusal warns, the retries do not").hasSize(1);

        // the database comes back: the loop is still alive and stores the ten newest
        tableBack();
        await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 10);
        assertThat(storedSeconds()).containsExactlyElementsOf(LongStream.range(15, 25).boxed().toList());
        // the recovery is logged just after the commit the query above already sees
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("health samples: stored again after"));
        w.close();
        long reported = 0;
        Matcher m;
        for (String warning : warnings("dropped since the last warning")) {
            m = Pattern.compile("^health samples: (\\d+) dropped").matcher(warning);
            assertThat(m.find()).as(warning).isTrue();
            reported += Long.parseLong(m.group(1));
        }
        assertThat(reported).as("every drop is reported, on close at the latest").isEqualTo(15);
    }

    @Test
    void aFlushThatFailsKeepsTheSamplesQueued() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        tableAway();
        w.add(sample(5, 1));
        w.add(sample(5, 2));
        assertThatThrownBy(w::flush).isInstanceOf(StorageException.class).hasMessageContaining("2 kept queued");
        assertThat(w.queued()).isEqualTo(2);
        tableBack();
        w.flush();
        assertThat(storedSeconds()).containsExactly(1L, 2L);
        assertThat(w.dropped()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesIsDroppedWithAnErrorAndTheRestIsStored() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        List<Long> tooManyRelays = LongStream.range(1_000_000, 1_000_400).boxed().toList(); // > VARCHAR(2000)
        for (int i = 0; i < 5; i++) {
            w.add(sample(6, i));
        }
        w.add(sample(66, 100, tooManyRelays));
        for (int i = 5; i < 10; i++) {
            w.add(sample(6, i));
        }
        w.flush();
        assertThat(storedSeconds()).containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
        synchronized (logs) { // AppenderBase appends under its own monitor
            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(msg -> assertThat(msg).startsWith("station 66: health sample of " + T0.plusSeconds(100))
                            .contains("refused by the database and dropped"));
        }
    }

    @Test
    void aBatchOfOnlyBadRowsIsDroppedNotKeptForever() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        List<Long> tooManyRelays = LongStream.range(1_000_000, 1_000_400).boxed().toList();
        w.add(sample(67, 1, tooManyRelays)); // the only sample queued: a small commune, a broken agent

        w.flush(); // no "database down": the database is up, the row itself is wrong

        assertThat(w.queued()).isZero();
        assertThat(stored()).isZero();
        assertThat(logged("station 67: health sample of")).isTrue();
    }

    @Test
    void writeNowStoresABatchInOneTransaction() {
        HealthSampleWriter w = writer(500, LONG, 100, LONG);
        w.writeNow(List.of(sample(7, 1), sample(7, 2), sample(7, 3)));
        assertThat(stored()).isEqualTo(3);
        List<Long> tooManyRelays = LongStream.range(1_000_000, 1_000_400).boxed().toList();
        assertThatThrownBy(() -> w.writeNow(List.of(sample(7, 4), sample(7, 5, tooManyRelays))))
                .isInstanceOf(StorageException.class);
        assertThat(stored()).as("all of the batch or none").isEqualTo(3);
    }
}
