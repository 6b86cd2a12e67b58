package vn.loa.controller.approval;

import java.time.Instant;

/** The approval of one bulletin or schedule: who made it, which area required approval, the review. */
public record ApprovalState(long id, Approval approval, Long approvalAreaId, Long createdBy, Long originAreaId,
        String reviewedBy, Instant reviewedAt, String reviewNote) {
}
