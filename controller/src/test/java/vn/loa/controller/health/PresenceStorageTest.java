package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Station presence and the roll-up mark, against a real database (H2 here, PostgreSQL in
 * {@link PresenceStoragePostgresTest}); samples and roll-ups are {@link HealthHistoryTest}'s and
 * {@link HealthSampleWriterTest}'s.
 */
@Timeout(60)
class PresenceStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private HealthSampleWriter writer;

    private HealthRepository repository() {
        if (writer == null) {
            writer = new HealthSampleWriter(jdbc);
        }
        return new HealthRepository(jdbc, writer);
    }

    @AfterAll
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void theFirstConnectionOfAStationIsKept() {
        HealthRepository health = repository();
        health.markSeen(31, T0);
        health.markSeen(31, T0.plusSeconds(60));
        health.markSeen(32, T0.plusSeconds(5));
        assertThat(health.firstSeen()).containsEntry(31L, T0).containsEntry(32L, T0.plusSeconds(5));
    }

    @Test
    void theRollUpMarkMovesOnlyBack() {
        HealthRepository health = repository();
        assertThat(health.rolledUntil()).isEmpty();
        health.rollUpHour(T0);
        assertThat(health.rolledUntil()).contains(T0.plusSeconds(3_600));
        health.rewindRollup(T0.plusSeconds(7_200));
        assertThat(health.rolledUntil()).as("not forward").contains(T0.plusSeconds(3_600));
        health.rewindRollup(T0);
        assertThat(health.rolledUntil()).contains(T0);
        assertThat(health.oldestRaw()).isEmpty();
    }
}
