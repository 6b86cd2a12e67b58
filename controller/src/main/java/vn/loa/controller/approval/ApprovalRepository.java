package vn.loa.controller.approval;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.storage.Jdbc;

/** The approval columns of bulletins and schedules, and which areas require approval. */
public final class ApprovalRepository {
    private final Jdbc jdbc;

    public ApprovalRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Set<Long> areasRequiringApproval() {
        return new HashSet<>(jdbc.query("SELECT id FROM area WHERE requires_approval = TRUE", rs -> rs.getLong(1)));
    }

    /** False when there is no such area. */
    public boolean setRequiresApproval(long areaId, boolean requires) {
        return jdbc.update("UPDATE area SET requires_approval = ? WHERE id = ?", requires, areaId) == 1;
    }

    public Optional<ApprovalState> find(ApprovalKind kind, long id) {
        String origin = kind == ApprovalKind.BULLETIN ? "origin_area_id" : "NULL AS origin_area_id";
        return jdbc.queryOne("SELECT id, approval, approval_area_id, created_by, " + origin
                + ", reviewed_by, reviewed_at, review_note FROM " + kind.table + " WHERE id = ?",
                rs -> new ApprovalState(rs.getLong("id"), Approval.valueOf(rs.getString("approval")),
                        Jdbc.nullableLong(rs, "approval_area_id"), Jdbc.nullableLong(rs, "created_by"),
                        Jdbc.nullableLong(rs, "origin_area_id"), rs.getString("reviewed_by"),
                        Jdbc.instant(rs, "reviewed_at"), rs.getString("review_note")), id);
    }

    /** Every row's approval, by id. */
    public Map<Long, Approval> all(ApprovalKind kind) {
        Map<Long, Approval> out = new HashMap<>();
        jdbc.query("SELECT id, approval FROM " + kind.table, rs -> out.put(rs.getLong(1), Approval.valueOf(rs.getString(2))));
        return out;
    }

    /** Bulletins' origin areas (the uploader's scope; null: uploaded by an admin), by id. */
    public Map<Long, Long> bulletinOrigins() {
        Map<Long, Long> out = new HashMap<>();
        jdbc.query("SELECT id, origin_area_id FROM bulletin", rs -> out.put(rs.getLong(1), Jdbc.nullableLong(rs, "origin_area_id")));
        return out;
    }

    public void setOrigin(long bulletinId, Long originAreaId) {
        jdbc.update("UPDATE bulletin SET origin_area_id = ? WHERE id = ?", originAreaId, bulletinId);
    }

    /** Marks a new row as needing approval by reviewers of {@code areaId}. */
    public void requireApproval(ApprovalKind kind, long id, long areaId) {
        jdbc.update("UPDATE " + kind.table + " SET approval = 'PENDING', approval_area_id = ? WHERE id = ?", areaId, id);
    }

    /** Records a review; false when the row was no longer pending (someone else reviewed it first). */
    public boolean review(ApprovalKind kind, long id, Approval decision, String reviewer, String note, Instant at) {
        return jdbc.update("UPDATE " + kind.table + " SET approval = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? "
                + "WHERE id = ? AND approval = 'PENDING'", decision.name(), reviewer, at, note, id) == 1;
    }
}
