package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires. Implementations are immutable records, evaluated in their {@link #zone()}.
 * See the package documentation for the exact semantics (gaps, overlaps, skipped month days).
 */
public sealed interface ScheduleRule permits OnceRule, DailyRule, WeeklyRule, MonthlyRule {

    /** The zone rules are evaluated in unless another one is injected. */
    ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** At most this many instants are produced by one {@link #occurrences} or {@link #nextRuns} call. */
    int MAX_EXPANSION = 100_000;

    /** At most this many distinct times of day per rule. */
    int MAX_TIMES_PER_DAY = 48;

    /** At most this many except dates per rule. */
    int MAX_EXCEPT_DATES = 366;

    /** The zone local dates and times of this rule are interpreted in. */
    ZoneId zone();

    /**
     * Every instant the rule fires at in {@code [fromInclusive, toExclusive)}, sorted ascending, without
     * duplicates. Empty if {@code toExclusive} is not after {@code fromInclusive}.
     *
     * @throws TooManyOccurrencesException if the window holds more than {@link #MAX_EXPANSION} instants
     */
    List<Instant> occurrences(Instant fromInclusive, Instant toExclusive);

    /**
     * The first instant strictly after {@code instantExclusive} the rule fires at, or empty if it never
     * fires again. Cost does not depend on how far {@code instantExclusive} is from {@code from}.
     */
    Optional<Instant> firstAfter(Instant instantExclusive);

    /**
     * The next {@code limit} instants strictly after {@code now} (fewer if the rule ends), ascending.
     *
     * @throws IllegalArgumentException if {@code limit} is negative or above {@link #MAX_EXPANSION}
     */
    default List<Instant> nextRuns(Instant now, int limit) {
        if (limit < 0 || limit > MAX_EXPANSION) {
            throw new IllegalArgumentException("limit must be in 0.." + MAX_EXPANSION + ", got " + limit);
        }
        List<Instant> runs = new ArrayList<>(Math.min(limit, 64));
        Instant cursor = now;
        while (runs.size() < limit) {
            Optional<Instant> next = firstAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            runs.add(next.get());
            cursor = next.get();
        }
        return List.copyOf(runs);
    }
}
