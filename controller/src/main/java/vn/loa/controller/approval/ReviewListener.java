package vn.loa.controller.approval;

/**
 * Told when a reviewer has decided on a pending bulletin or schedule (the decision is stored), on the request's
 * thread; e.g. an inbound bulletin held for approval is sent down then.
 */
@FunctionalInterface
public interface ReviewListener {
    void reviewed(ApprovalKind kind, long id, Approval decision);
}
