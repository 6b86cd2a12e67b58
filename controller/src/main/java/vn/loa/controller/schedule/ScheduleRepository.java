package vn.loa.controller.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

public final class ScheduleRepository {
    private static final String COLUMNS = "id, title, bulletin_id, priority, rule_json, targets_json, created_at, deleted_at, on_preempt, hard_time, max_wait_seconds, wait_asked";
    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final RuleParser rules;

    public ScheduleRepository(Jdbc jdbc, ObjectMapper json, RuleParser rules) {
        this.jdbc = jdbc;
        this.json = json;
        this.rules = rules;
    }

    public long create(String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Long createdBy) {
        return create(title, bulletinId, priority, rule, targets, createdBy, PlanItem.OnPreempt.RESUME,
                PlanItem.HardTime.WAIT, 0);
    }

    public long create(String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Long createdBy, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime, int maxWaitSeconds) {
        return create(title, bulletinId, priority, rule, targets, createdBy, onPreempt, hardTime, maxWaitSeconds,
                hardTime == PlanItem.HardTime.WAIT && maxWaitSeconds > 0, null);
    }

    public long create(String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Long createdBy, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime, int maxWaitSeconds,
            Long approvalAreaId) {
        return create(title, bulletinId, priority, rule, targets, createdBy, onPreempt, hardTime, maxWaitSeconds,
                hardTime == PlanItem.HardTime.WAIT && maxWaitSeconds > 0, approvalAreaId);
    }

    /**
     * {@code approvalAreaId} non-null: the schedule is stored PENDING approval by that area's reviewers;
     * {@code waitAsked}: the schedule named its WAIT ({@link Schedule#waitAsked()}).
     */
    public long create(String title, long bulletinId, Priority priority, ScheduleRule rule, Targets targets,
            Long createdBy, PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime, int maxWaitSeconds,
            boolean waitAsked, Long approvalAreaId) {
        try {
            return jdbc.insert("INSERT INTO schedule (title, bulletin_id, priority, rule_json, targets_json, created_by, "
                    + "created_at, on_preempt, hard_time, max_wait_seconds, wait_asked, approval, approval_area_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    title, bulletinId, priority.name(), json.writeValueAsString(rules.toJson(rule)),
                    json.writeValueAsString(targets), createdBy, Instant.now(), onPreempt.name(), hardTime.name(),
                    maxWaitSeconds, waitAsked, approvalAreaId == null ? "APPROVED" : "PENDING", approvalAreaId);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Schedule> findActive() {
        return jdbc.query("SELECT " + COLUMNS + " FROM schedule WHERE deleted_at IS NULL ORDER BY id", this::map);
    }

    /** The schedules the planner plans: not deleted and approved (docs/accounts.md#approval). */
    public List<Schedule> findAirable() {
        return jdbc.query("SELECT " + COLUMNS + " FROM schedule WHERE deleted_at IS NULL AND approval = 'APPROVED' ORDER BY id",
                this::map);
    }

    public Optional<Schedule> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM schedule WHERE id = ?", this::map, id);
    }

    /** Marks the schedule deleted (its plays stay in the as-run log); false when there was none. */
    public boolean delete(long id) {
        return jdbc.update("UPDATE schedule SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", Instant.now(), id) == 1;
    }

    private Schedule map(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            return new Schedule(rs.getLong("id"), rs.getString("title"), rs.getLong("bulletin_id"),
                    Priority.valueOf(rs.getString("priority")), rules.parse(json.readTree(rs.getString("rule_json"))),
                    json.readValue(rs.getString("targets_json"), Targets.class), Jdbc.instant(rs, "created_at"),
                    Jdbc.instant(rs, "deleted_at"), PlanItem.OnPreempt.valueOf(rs.getString("on_preempt")),
                    PlanItem.HardTime.valueOf(rs.getString("hard_time")), rs.getInt("max_wait_seconds"),
                    rs.getBoolean("wait_asked"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("schedule " + rs.getLong("id") + " has unreadable JSON", e);
        }
    }
}
