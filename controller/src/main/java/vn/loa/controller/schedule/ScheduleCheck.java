package vn.loa.controller.schedule;

import java.time.Instant;
import java.util.List;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.protocol.v1.Priority;

/**
 * A further check of a schedule about to be stored, by a feature that knows more about when it may play
 * (quiet hours: {@code QuietHoursService} in the quiet package). Returns every reason to refuse it, each with its code.
 */
@FunctionalInterface
public interface ScheduleCheck {
    ScheduleCheck NONE = (targets, rule, priority, now) -> List.of();

    List<Problem> problems(Targets targets, ScheduleRule rule, Priority priority, Instant now);
}
