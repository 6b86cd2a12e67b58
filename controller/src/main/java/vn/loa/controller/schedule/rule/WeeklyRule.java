package vn.loa.controller.schedule.rule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fires on each of {@code days} of the week from {@code from} to {@code until} (inclusive; {@code null}
 * when open-ended) at each of {@code times}, except on the dates in {@code except}.
 */
public record WeeklyRule(Set<DayOfWeek> days, List<LocalTime> times, LocalDate from, LocalDate until,
        List<LocalDate> except, ZoneId zone) implements ScheduleRule, Recurring {

    public WeeklyRule {
        Objects.requireNonNull(days, "days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("days must not be empty");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        times = Recurrences.normalizeTimes(times);
        except = Recurrences.normalizeExcept(except);
        Recurrences.checkRange(from, until, zone);
    }

    @Override
    public LocalDate nextPatternDate(LocalDate date, LocalDate limitInclusive) {
        for (int i = 0; i < 7; i++) {
            LocalDate candidate = date.plusDays(i);
            if (candidate.isAfter(limitInclusive)) {
                return null;
            }
            if (days.contains(candidate.getDayOfWeek())) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: days is not empty");
    }

    @Override
    public String patternDescription() {
        return "rule.days (" + days.stream().map(RuleParser::dayName).collect(Collectors.joining(", ")) + ")";
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
