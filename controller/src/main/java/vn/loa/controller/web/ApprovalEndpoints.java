package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.approval.Approval;
import vn.loa.controller.approval.ApprovalKind;
import vn.loa.controller.approval.ApprovalPolicy;
import vn.loa.controller.approval.ApprovalRepository;
import vn.loa.controller.approval.ApprovalState;
import vn.loa.controller.plan.PlanService;

/**
 * {@code POST /api/v1/schedules/{id}/approve|reject} and {@code POST /api/v1/bulletins/{id}/approve|reject}
 * {"note": …}: a reviewer's decision on a PENDING item (docs/accounts.md#approval). Approving a schedule
 * re-plans the stations at once.
 */
public final class ApprovalEndpoints {
    private static final int MAX_NOTE = 500;

    private final ApprovalRepository approvals;
    private final ScopeGuard scopes;
    private final PlanService plans;
    private final Clock clock;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApprovalEndpoints.class);
    private final java.util.List<vn.loa.controller.approval.ReviewListener> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public ApprovalEndpoints(ApprovalRepository approvals, ScopeGuard scopes, PlanService plans, Clock clock) {
        this.approvals = approvals;
        this.scopes = scopes;
        this.plans = plans;
        this.clock = clock;
    }

    public void register(Router router) {
        for (ApprovalKind kind : ApprovalKind.values()) {
            String base = "/api/v1/" + kind.noun() + "s/{id}/";
            router.add(HttpMethod.POST, base + "approve", r -> decide(r, kind, Approval.APPROVED));
            router.add(HttpMethod.POST, base + "reject", r -> decide(r, kind, Approval.REJECTED));
        }
    }

    /** Told of each decision once it is stored (after the response's checks, before it is sent). */
    public void addListener(vn.loa.controller.approval.ReviewListener listener) {
        listeners.add(listener);
    }

    private ApiResponse decide(ApiRequest r, ApprovalKind kind, Approval decision) {
        long id = r.pathId("id");
        String note = null;
        if (r.http().content().readableBytes() > 0) {
            JsonNode n = r.jsonBody().get("note");
            if (n != null && !n.isNull()) {
                if (!n.isTextual() || n.asText().length() > MAX_NOTE) {
                    throw (n.isTextual() ? vn.loa.controller.rejection.RejectionCode.TOO_LONG.reject("note", MAX_NOTE)
                            : vn.loa.controller.rejection.RejectionCode.WRONG_TYPE.reject("note",
                                    vn.loa.controller.rejection.Expected.TEXT));
                }
                note = n.asText().strip();
            }
        }
        ApprovalState item = approvals.find(kind, id)
                .orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.valueOf(kind.name()), id));
        ScopeGuard.View scope = scopes.of(r.account());
        if (item.approvalAreaId() != null && !scope.everything() && !scope.areaVisible(item.approvalAreaId())
                && !scope.tree().isWithin(scope.scope().rootAreaId(), item.approvalAreaId())) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.valueOf(kind.name()), id);
        }
        var why = ApprovalPolicy.whyNotReviewer(r.account(), item, scope.tree());
        if (why.isPresent()) {
            throw new vn.loa.controller.rejection.Rejection(why.get());
        }
        if (item.approval() != Approval.PENDING) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_PENDING.reject(vn.loa.controller.rejection.ObjectKind.valueOf(kind.name()), id, item.approval().name());
        }
        if (!approvals.review(kind, id, decision, r.account().username(), note, clock.instant())) {
            throw vn.loa.controller.rejection.RejectionCode.REVIEWED_MEANWHILE.reject(vn.loa.controller.rejection.ObjectKind.valueOf(kind.name()), id);
        }
        if (kind == ApprovalKind.SCHEDULE && decision == Approval.APPROVED) {
            plans.markAllDirty();
        }
        for (vn.loa.controller.approval.ReviewListener l : listeners) {
            try {
                l.reviewed(kind, id, decision);
            } catch (RuntimeException e) {
                log.error("{} {} {} by {}: a review listener failed: {}", kind.noun(), id, decision,
                        r.account().username(), e.toString(), e);
            }
        }
        r.audit(kind.noun() + " " + id, decision + (note == null ? "" : ": " + note));
        ApprovalState after = approvals.find(kind, id).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("approval", after.approval().name());
        out.put("reviewedBy", after.reviewedBy());
        out.put("reviewedAt", Json.utc(after.reviewedAt()));
        out.put("note", after.reviewNote());
        return ApiResponse.ok(out);
    }
}
