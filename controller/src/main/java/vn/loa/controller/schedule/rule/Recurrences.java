package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Expansion and invariants shared by the recurring rules. Stateless. */
final class Recurrences {

    /** Dates of recurring rules must lie in this range. */
    static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    /** Instants are clamped to this range before they are turned into dates (keeps date math safe). */
    private static final Instant MIN_INSTANT = MIN_DATE.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant MAX_INSTANT = MAX_DATE.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();

    /**
     * Within this many days after the first candidate found, a later date could still give an earlier
     * instant (a local time pushed forward by a gap); candidates are compared across this window.
     */
    private static final int CANDIDATE_WINDOW_DAYS = 2;

    private Recurrences() {
    }

    // ---- invariants --------------------------------------------------------------------------

    static List<LocalTime> normalizeTimes(Collection<LocalTime> times) {
        Objects.requireNonNull(times, "times");
        List<LocalTime> sorted = times.stream().map(t -> Objects.requireNonNull(t, "times element"))
                .distinct().sorted().toList();
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("times must not be empty");
        }
        if (sorted.size() > ScheduleRule.MAX_TIMES_PER_DAY) {
            throw new IllegalArgumentException("at most " + ScheduleRule.MAX_TIMES_PER_DAY + " times per day");
        }
        for (LocalTime t : sorted) {
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw new IllegalArgumentException("times must be whole minutes: " + t);
            }
        }
        return sorted;
    }

    static List<LocalDate> normalizeExcept(Collection<LocalDate> except) {
        if (except == null) {
            return List.of();
        }
        List<LocalDate> sorted = except.stream().map(d -> Objects.requireNonNull(d, "except element"))
                .distinct().sorted().toList();
        if (sorted.size() > ScheduleRule.MAX_EXCEPT_DATES) {
            throw new IllegalArgumentException("at most " + ScheduleRule.MAX_EXCEPT_DATES + " except dates");
        }
        sorted.forEach(d -> requireSupported(d, "except"));
        return sorted;
    }

    static void checkRange(LocalDate from, LocalDate until, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        requireSupported(Objects.requireNonNull(from, "from"), "from");
        if (until != null) {
            requireSupported(until, "until");
            if (until.isBefore(from)) {
                throw new IllegalArgumentException("until (" + until + ") is before from (" + from + ")");
            }
        }
    }

    static boolean isSupported(LocalDate date) {
        return !date.isBefore(MIN_DATE) && !date.isAfter(MAX_DATE);
    }

    private static void requireSupported(LocalDate date, String field) {
        if (!isSupported(date)) {
            throw new IllegalArgumentException(field + " must be in " + MIN_DATE + ".." + MAX_DATE + ": " + date);
        }
    }

    // ---- expansion ---------------------------------------------------------------------------

    static LocalDate toDate(Instant instant, ZoneId zone) {
        Instant clamped = instant.isBefore(MIN_INSTANT) ? MIN_INSTANT
                : instant.isAfter(MAX_INSTANT) ? MAX_INSTANT : instant;
        return LocalDate.ofInstant(clamped, zone);
    }

    static Instant toInstant(LocalDate date, LocalTime time, ZoneId zone) {
        // ZonedDateTime.of: a gap shifts forward by the gap length, an overlap keeps the earlier offset.
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    static boolean isExcepted(Recurring rule, LocalDate date) {
        return Collections.binarySearch(rule.except(), date) >= 0;
    }

    /** Last date a search may look at: until, or {@code limit}, whichever comes first. */
    private static LocalDate end(Recurring rule, LocalDate limit) {
        LocalDate end = rule.until() == null || limit.isBefore(rule.until()) ? limit : rule.until();
        return end.isAfter(MAX_DATE) ? MAX_DATE : end;
    }

    /**
     * The first date in {@code [date, limitInclusive]} on which the rule fires (pattern matches, within
     * from..until, not excepted), or {@code null}. Terminates: each loop step either returns or skips an
     * excepted date, and there are at most {@link ScheduleRule#MAX_EXCEPT_DATES} of those.
     */
    static LocalDate nextFiringDate(Recurring rule, LocalDate date, LocalDate limitInclusive) {
        LocalDate end = end(rule, limitInclusive);
        LocalDate cursor = date.isBefore(rule.from()) ? rule.from() : date;
        while (!cursor.isAfter(end)) {
            LocalDate candidate = rule.nextPatternDate(cursor, end);
            if (candidate == null) {
                return null;
            }
            if (!isExcepted(rule, candidate)) {
                return candidate;
            }
            cursor = candidate.plusDays(1);
        }
        return null;
    }

    static List<Instant> occurrences(Recurring rule, Instant fromInclusive, Instant toExclusive) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!fromInclusive.isBefore(toExclusive)) {
            return List.of();
        }
        ZoneId zone = rule.zone();
        // One day of margin before: a local time pushed forward by a gap can land on the next date.
        LocalDate first = toDate(fromInclusive, zone).minusDays(1);
        LocalDate last = toDate(toExclusive, zone);
        List<Instant> result = new ArrayList<>();
        for (LocalDate date = nextFiringDate(rule, first, last); date != null;
                date = nextFiringDate(rule, date.plusDays(1), last)) {
            for (LocalTime time : rule.times()) {
                Instant instant = toInstant(date, time, zone);
                if (!instant.isBefore(fromInclusive) && instant.isBefore(toExclusive)) {
                    result.add(instant);
                    if (result.size() > ScheduleRule.MAX_EXPANSION) {
                        throw new TooManyOccurrencesException("more than " + ScheduleRule.MAX_EXPANSION
                                + " occurrences between " + fromInclusive + " and " + toExclusive
                                + "; ask for a shorter window");
                    }
                }
            }
        }
        // Gaps can reorder or merge instants; sort and drop duplicates.
        Collections.sort(result);
        List<Instant> distinct = new ArrayList<>(result.size());
        for (Instant instant : result) {
            if (distinct.isEmpty() || !distinct.getLast().equals(instant)) {
                distinct.add(instant);
            }
        }
        return Collections.unmodifiableList(distinct);
    }

    /**
     * The search never needs to go further than one year past both its start and the last except date:
     * after the last except date every pattern date fires, and every pattern (weekday, day of month incl.
     * -1) matches at least once a year.
     */
    static Optional<Instant> firstAfter(Recurring rule, Instant instantExclusive) {
        Objects.requireNonNull(instantExclusive, "instantExclusive");
        ZoneId zone = rule.zone();
        LocalDate start = toDate(instantExclusive, zone).minusDays(1);
        if (start.isBefore(rule.from())) {
            start = rule.from();
        }
        LocalDate horizon = start;
        if (!rule.except().isEmpty() && rule.except().getLast().isAfter(horizon)) {
            horizon = rule.except().getLast();
        }
        horizon = horizon.plusYears(1);

        Instant best = null;
        LocalDate firstCandidateDate = null;
        for (LocalDate date = nextFiringDate(rule, start, horizon); date != null;
                date = nextFiringDate(rule, date.plusDays(1), horizon)) {
            if (firstCandidateDate != null && date.isAfter(firstCandidateDate.plusDays(CANDIDATE_WINDOW_DAYS))) {
                break;
            }
            for (LocalTime time : rule.times()) {
                Instant instant = toInstant(date, time, zone);
                if (instant.isAfter(instantExclusive) && (best == null || instant.isBefore(best))) {
                    best = instant;
                    if (firstCandidateDate == null) {
                        firstCandidateDate = date;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
