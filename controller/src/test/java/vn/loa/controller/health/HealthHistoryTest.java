package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.storage.Jdbc;

/** Downsampling: raw samples for 7 days, hourly roll-ups for a year, queryable by range. */
@Timeout(30)
class HealthHistoryTest {
    /** The database under test: H2 here, PostgreSQL in {@link HealthHistoryPostgresTest}. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    private TestDatabase.Opened opened;
    private static final Instant NOW = Instant.parse("2026-12-15T10:20:00Z");
    private static final Instant CURRENT_HOUR = NOW.truncatedTo(ChronoUnit.HOURS);

    @TempDir
    Path dir;

    private Database db;
    private HealthSampleWriter writer;
    private HealthRepository repo;

    @BeforeEach
    void open() {
        opened = database().openFresh(dir);
        db = opened.db();
        writer = new HealthSampleWriter(new Jdbc(db));
        repo = new HealthRepository(new Jdbc(db), writer);
    }

    @AfterEach
    void close() {
        writer.close();
        opened.close();
    }

    private static HealthSample sample(long station, Instant at, Double load, boolean fault, long rttUs) {
        return new HealthSample(station, at, 1000, load, 50.0, 1L << 30, 1L << 29, 5L << 30, 16L << 30, rttUs, 120,
                true, "0.1.0", true, false, fault, true, false, List.of(), List.of(), null, 100, "", 0, 0, 0, 0);
    }

    @Test
    void rawIsKeptSevenDaysAndHourlyRollUpsAYear() {
        Instant eightDaysAgo = CURRENT_HOUR.minus(Duration.ofDays(8));
        Instant threeHoursAgo = CURRENT_HOUR.minus(Duration.ofHours(3));
        Instant longAgo = CURRENT_HOUR.minus(Duration.ofDays(400));
        repo.add(sample(1, longAgo.plusSeconds(10), 9.0, false, 1000));
        repo.add(sample(1, eightDaysAgo.plusSeconds(10), 0.5, false, 10_000));
        repo.add(sample(1, eightDaysAgo.plusSeconds(20), 1.5, false, 30_000));
        repo.add(sample(2, eightDaysAgo.plusSeconds(30), null, false, 5_000));
        repo.add(sample(1, threeHoursAgo.plusSeconds(10), 0.2, true, 20_000));
        repo.add(sample(1, threeHoursAgo.plusSeconds(20), 0.4, false, 20_000));
        repo.add(sample(1, NOW.minusSeconds(30), 0.3, false, 20_000));

        HealthRollup rollup = new HealthRollup(repo, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(rollup.run()).isGreaterThan(0);

        List<HourlyHealth> hourly = repo.hourly(1, NOW.minus(Duration.ofDays(500)), NOW, 10_000);
        assertThat(hourly).extracting(HourlyHealth::hourStart).containsExactly(eightDaysAgo, threeHoursAgo);
        HourlyHealth old = hourly.get(0);
        assertThat(old.samples()).isEqualTo(2);
        assertThat(old.cpuLoadAvg()).isEqualTo(1.0);
        assertThat(old.cpuLoadMax()).isEqualTo(1.5);
        assertThat(old.linkRttAvgUs()).isEqualTo(20_000);
        assertThat(old.linkRttMaxUs()).isEqualTo(30_000);
        assertThat(hourly.get(1).amplifierFaultSamples()).isEqualTo(1);
        assertThat(repo.hourly(2, eightDaysAgo, NOW, 10).get(0).cpuLoadAvg()).as("unknown load stays unknown").isNull();

        assertThat(repo.raw(1, NOW.minus(Duration.ofDays(500)), NOW, 10_000)).extracting(HealthSample::sampledAt)
                .as("raw samples older than 7 days are gone; the current hour is kept raw")
                .containsExactly(threeHoursAgo.plusSeconds(10), threeHoursAgo.plusSeconds(20), NOW.minusSeconds(30));
        assertThat(repo.raw(1, threeHoursAgo, threeHoursAgo.plusSeconds(15), 10)).hasSize(1);

        // running again rolls nothing twice
        assertThat(rollup.run()).isZero();
        assertThat(repo.hourly(1, NOW.minus(Duration.ofDays(500)), NOW, 10_000)).hasSize(2);

        // an hour later the hour that was current is rolled up too; a year later the old rows go
        new HealthRollup(repo, Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC)).run();
        assertThat(repo.hourly(1, CURRENT_HOUR, NOW.plus(Duration.ofHours(1)), 10)).hasSize(1);
        new HealthRollup(repo, Clock.fixed(eightDaysAgo.plus(Duration.ofDays(366)), ZoneOffset.UTC)).run();
        assertThat(repo.hourly(1, NOW.minus(Duration.ofDays(500)), NOW.plus(Duration.ofDays(500)), 10_000))
                .extracting(HourlyHealth::hourStart).doesNotContain(eightDaysAgo).contains(threeHoursAgo);
    }
}
