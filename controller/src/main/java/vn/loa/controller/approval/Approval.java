package vn.loa.controller.approval;

/** Whether a bulletin or a schedule may air. Only {@code APPROVED} ones do. */
public enum Approval {
    APPROVED, PENDING, REJECTED
}
