package vn.loa.controller.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downsampling: every complete hour not yet rolled up becomes one hourly row per station; raw samples
 * older than 7 days and hourly rows older than a year are forgotten. Safe to run at any time and
 * again: an hour is rolled up once, and rolling it again replaces the same rows.
 */
public final class HealthRollup {
    private static final Logger log = LoggerFactory.getLogger(HealthRollup.class);
    public static final Duration RAW_RETENTION = Duration.ofDays(7);
    public static final Duration HOURLY_RETENTION = Duration.ofDays(365);

    private final HealthRepository repository;
    private final Clock clock;

    public HealthRollup(HealthRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** @return the number of hours rolled up */
    public int run() {
        Instant now = clock.instant();
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = repository.rolledUntil().orElseGet(() -> repository.oldestRaw()
                .map(t -> t.truncatedTo(ChronoUnit.HOURS)).orElse(currentHour));
        // nothing older than the hourly retention is kept anyway
        Instant earliest = now.minus(HOURLY_RETENTION).truncatedTo(ChronoUnit.HOURS);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        int hours = 0;
        for (Instant hour = from; hour.isBefore(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
            repository.rollUpHour(hour);
            hours++;
        }
        int[] purged = repository.purge(now.minus(RAW_RETENTION), now.minus(HOURLY_RETENTION));
        if (hours > 0 || purged[0] > 0 || purged[1] > 0) {
            log.info("health history: {} hours rolled up; {} raw samples and {} hourly rows past retention removed",
                    hours, purged[0], purged[1]);
        }
        return hours;
    }
}
