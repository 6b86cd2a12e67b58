package vn.loa.controller.schedule;

import java.time.Instant;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * @param onPreempt      what a station does with this item when an announcement interrupts it
 * @param hardTime       what happens when something else plays at the planned instant
 * @param maxWaitSeconds for {@code WAIT}: how late it may still start (0 = the station's default)
 */
public record Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
        Instant createdAt, Instant deletedAt, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime,
        int maxWaitSeconds) {

    public Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Instant createdAt, Instant deletedAt) {
        this(id, title, bulletinId, priority, rule, targets, createdAt, deletedAt, PlanItem.OnPreempt.RESUME,
                PlanItem.HardTime.WAIT, 0);
    }
}
