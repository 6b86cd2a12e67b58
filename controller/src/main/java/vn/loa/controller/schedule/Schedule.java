package vn.loa.controller.schedule;

import java.time.Instant;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * @param onPreempt      what a station does with this item when an announcement interrupts it
 * @param hardTime       what happens when something else plays at the planned instant
 * @param maxWaitSeconds for {@code WAIT}: how late it may still start (0 = the station's default)
 * @param waitAsked      the schedule named its {@code WAIT} (a {@code hardTime} object): it waits for the station
 *                       to be free rather than interrupt a playing bulletin of lower priority, which the default
 *                       {@code WAIT} does (docs/api.md); sent to the stations as a present {@code max_wait_ms}
 */
public record Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
        Instant createdAt, Instant deletedAt, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime,
        int maxWaitSeconds, boolean waitAsked) {

    public Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Instant createdAt, Instant deletedAt, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime,
            int maxWaitSeconds) {
        this(id, title, bulletinId, priority, rule, targets, createdAt, deletedAt, onPreempt, hardTime, maxWaitSeconds,
                hardTime == PlanItem.HardTime.WAIT && maxWaitSeconds > 0);
    }

    public Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Instant createdAt, Instant deletedAt) {
        this(id, title, bulletinId, priority, rule, targets, createdAt, deletedAt, PlanItem.OnPreempt.RESUME,
                PlanItem.HardTime.WAIT, 0, false);
    }
}
