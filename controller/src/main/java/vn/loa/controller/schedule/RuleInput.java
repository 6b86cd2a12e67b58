package vn.loa.controller.schedule;

import java.util.List;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.schedule.rule.ScheduleRule;

/**
 * The rule a schedule request named, as read at the edge: a parsed rule, or the problems that kept it from being
 * one (reported by {@link ScheduleService} in their place among the request's other problems).
 */
public sealed interface RuleInput {

    record Parsed(ScheduleRule rule) implements RuleInput {
    }

    record Invalid(List<Problem> problems) implements RuleInput {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
