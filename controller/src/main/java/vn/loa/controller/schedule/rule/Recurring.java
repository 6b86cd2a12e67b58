package vn.loa.controller.schedule.rule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** What the recurring rules share; the expansion logic lives in {@link Recurrences}. */
sealed interface Recurring permits DailyRule, WeeklyRule, MonthlyRule {

    /** Distinct times of day, ascending, whole minutes. */
    List<LocalTime> times();

    /** First date (inclusive). */
    LocalDate from();

    /** Last date (inclusive), or {@code null} when open-ended. */
    LocalDate until();

    /** Dates on which nothing fires, distinct and ascending. */
    List<LocalDate> except();

    ZoneId zone();

    /**
     * The smallest date in {@code [date, limitInclusive]} matching the day pattern of the rule
     * (ignoring from, until and except), or {@code null} if there is none.
     */
    LocalDate nextPatternDate(LocalDate date, LocalDate limitInclusive);

    /** Short description of the day pattern for messages, e.g. "rule.days (MON, THU)". */
    String patternDescription();
}
