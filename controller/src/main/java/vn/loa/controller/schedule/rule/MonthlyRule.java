package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fires on each of {@code daysOfMonth} from {@code from} to {@code until} (inclusive; {@code null} when
 * open-ended) at each of {@code times}, except on the dates in {@code except}.
 *
 * <p>A day of month is 1..31, or {@link #LAST_DAY} (-1) for the last day of the month. A day a month lacks
 * (31 in April, 29..31 in February) is skipped in that month, not moved. When the last day coincides with
 * a listed day (31 and -1 in January) the rule fires once.
 */
public record MonthlyRule(List<Integer> daysOfMonth, List<LocalTime> times, LocalDate from, LocalDate until,
        List<LocalDate> except, ZoneId zone) implements ScheduleRule, Recurring {

    /** Stands for the last day of the month. */
    public static final int LAST_DAY = -1;

    public MonthlyRule {
        Objects.requireNonNull(daysOfMonth, "daysOfMonth");
        daysOfMonth = daysOfMonth.stream().map(d -> Objects.requireNonNull(d, "daysOfMonth element"))
                .distinct().sorted().toList();
        if (daysOfMonth.isEmpty()) {
            throw new IllegalArgumentException("daysOfMonth must not be empty");
        }
        for (int day : daysOfMonth) {
            if (!isValidDay(day)) {
                throw new IllegalArgumentException("not a day of month (1..31 or -1): " + day);
            }
        }
        times = Recurrences.normalizeTimes(times);
        except = Recurrences.normalizeExcept(except);
        Recurrences.checkRange(from, until, zone);
    }

    static boolean isValidDay(int day) {
        return day == LAST_DAY || (day >= 1 && day <= 31);
    }

    @Override
    public LocalDate nextPatternDate(LocalDate date, LocalDate limitInclusive) {
        LocalDate cursor = date;
        while (!cursor.isAfter(limitInclusive)) {
            int length = cursor.lengthOfMonth();
            int best = Integer.MAX_VALUE;
            for (int day : daysOfMonth) {
                int actual = day == LAST_DAY ? length : day;
                if (actual <= length && actual >= cursor.getDayOfMonth() && actual < best) {
                    best = actual;
                }
            }
            if (best != Integer.MAX_VALUE) {
                LocalDate found = cursor.withDayOfMonth(best);
                return found.isAfter(limitInclusive) ? null : found;
            }
            cursor = cursor.withDayOfMonth(1).plusMonths(1);
        }
        return null;
    }

    @Override
    public String patternDescription() {
        return "rule.daysOfMonth (" + daysOfMonth.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    public List<Instant> occurrences(Instant fromInclusive, Instant toExclusive) {
        return Recurrences.occurrences(this, fromInclusive, toExclusive);
    }

    @Override
    public Optional<Instant> firstAfter(Instant instantExclusive) {
        return Recurrences.firstAfter(this, instantExclusive);
    }
}
