package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** Checks that go beyond well-formedness and depend on the current time. Stateless. */
public final class RuleValidator {

    private static final String PREFIX = "the rule never fires after now: ";

    private RuleValidator() {
    }

    /**
     * Requires that {@code rule} fires at least once strictly after {@code now}.
     *
     * @throws InvalidRuleException "the rule never fires after now: …" with the reason (the time is in the
     *     past; no listed weekday / day of month falls between from and until; every date is excepted; every
     *     occurrence is in the past)
     */
    public static void requireFiresAfter(ScheduleRule rule, Instant now) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        if (rule.firstAfter(now).isPresent()) {
            return;
        }
        String nowText = format(now, rule.zone());
        switch (rule) {
            case OnceRule once -> throw new InvalidRuleException(PREFIX + "rule.at (" + format(once.at(), once.zone())
                    + ") is not after now (" + nowText + ")");
            case DailyRule daily -> throw recurring(daily, nowText);
            case WeeklyRule weekly -> throw recurring(weekly, nowText);
            case MonthlyRule monthly -> throw recurring(monthly, nowText);
        }
    }

    private static InvalidRuleException recurring(Recurring rule, String nowText) {
        // firstAfter was empty, so the rule has an end: open-ended rules always fire again.
        LocalDate until = rule.until() != null ? rule.until() : Recurrences.MAX_DATE;
        String range = "between rule.from (" + rule.from() + ") and rule.until (" + until + ")";
        if (rule.nextPatternDate(rule.from(), until) == null) {
            String what = rule instanceof MonthlyRule ? " exists " : " falls ";
            return new InvalidRuleException(PREFIX + "none of " + rule.patternDescription() + what + range);
        }
        if (Recurrences.nextFiringDate(rule, rule.from(), until) == null) {
            String matching = rule instanceof DailyRule ? "" : " matching " + rule.patternDescription();
            return new InvalidRuleException(PREFIX + "every date" + matching + " " + range + " is in rule.except");
        }
        return new InvalidRuleException(PREFIX + "every occurrence up to rule.until (" + until
                + ") is before now (" + nowText + ")");
    }

    private static String format(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
