package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/** Checks that go beyond well-formedness and depend on the current time. Stateless. */
public final class RuleValidator {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private RuleValidator() {
    }

    /**
     * Requires that {@code rule} fires at least once strictly after {@code now}.
     *
     * @throws Rejection a RULE_… code saying why "the rule never fires after now" (the time is in the past; no
     *     listed weekday / day of month falls between from and until; every date is excepted; every occurrence
     *     is in the past); instants are sent as ISO date-times to the second, in the rule's zone
     */
    public static void requireFiresAfter(ScheduleRule rule, Instant now) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        if (rule.firstAfter(now).isPresent()) {
            return;
        }
        String nowText = format(now, rule.zone());
        throw new Rejection(switch (rule) {
            case OnceRule once -> RejectionCode.RULE_AT_NOT_AFTER_NOW.problem(format(once.at(), once.zone()), nowText);
            case DailyRule daily -> recurring(daily, List.of(), nowText);
            case WeeklyRule weekly -> recurring(weekly, weekly.days().stream().map(RuleParser::dayName).toList(), nowText);
            case MonthlyRule monthly -> recurring(monthly, monthly.daysOfMonth(), nowText);
        });
    }

    private static Problem recurring(Recurring rule, List<?> days, String nowText) {
        // firstAfter was empty, so the rule has an end: open-ended rules always fire again.
        LocalDate until = rule.until() != null ? rule.until() : Recurrences.MAX_DATE;
        String from = rule.from().toString();
        if (rule.nextPatternDate(rule.from(), until) == null) {
            return (rule instanceof MonthlyRule ? RejectionCode.RULE_DAYS_OF_MONTH_NEVER_IN_RANGE
                    : RejectionCode.RULE_DAYS_NEVER_IN_RANGE).problem(days, from, until.toString());
        }
        if (Recurrences.nextFiringDate(rule, rule.from(), until) == null) {
            return rule instanceof DailyRule ? RejectionCode.RULE_EVERY_DATE_EXCEPTED.problem(from, until.toString())
                    : RejectionCode.RULE_EVERY_MATCHING_DATE_EXCEPTED.problem(
                            rule instanceof MonthlyRule ? "rule.daysOfMonth" : "rule.days", days, from, until.toString());
        }
        return RejectionCode.RULE_ENDED.problem(until.toString(), nowText);
    }

    /** An ISO date-time to the second (no fractions: an operator reads it) with the zone's offset. */
    private static String format(Instant instant, ZoneId zone) {
        return SECOND.format(instant.atZone(zone));
    }
}
