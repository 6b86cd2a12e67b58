package vn.loa.controller.schedule;

import java.time.Instant;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.protocol.v1.Priority;

public record Schedule(long id, String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
        Instant createdAt, Instant deletedAt) {
}
