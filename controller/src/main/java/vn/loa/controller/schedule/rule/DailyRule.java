package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Fires every day from {@code from} to {@code until} (both inclusive; {@code until} is {@code null} when
 * open-ended) at each of {@code times}, except on the dates in {@code except}. Times and except dates are
 * normalized (de-duplicated, sorted).
 */
public record DailyRule(List<LocalTime> times, LocalDate from, LocalDate until, List<LocalDate> except, ZoneId zone)
        implements ScheduleRule, Recurring {

    public DailyRule {
        times = Recurrences.normalizeTimes(times);
        except = Recurrences.normalizeExcept(except);
        Recurrences.checkRange(from, until, zone);
    }

    @Override
    public LocalDate nextPatternDate(LocalDate date, LocalDate limitInclusive) {
        return date.isAfter(limitInclusive) ? null : date;
    }

    @Override
    public String patternDescription() {
        return "every day";
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
