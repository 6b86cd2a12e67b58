package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.change.AreaChange;
import vn.loa.controller.area.change.AreaChangeRefused;
import vn.loa.controller.area.change.AreaChangeResult;
import vn.loa.controller.area.change.ChangePreview;
import vn.loa.controller.area.change.ChangeTiming;
import vn.loa.controller.area.change.PendingAreaChanges;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * Area changes (admin, docs/areas.md#changes): made now when their day has begun, kept pending when dated in
 * the future (made by the leader at 00:00 of that day in Vietnam), previewed without being made, listed and
 * cancelled while pending. Every refusal is a {@link Rejection}.
 */
public final class AreaChangeEndpoints {
    private final PendingAreaChanges pending;
    private final PlanService plans;
    private final Runnable dated;

    /** @param dated told when a change was kept pending (the leader's job looks again) */
    public AreaChangeEndpoints(PendingAreaChanges pending, PlanService plans, Runnable dated) {
        this.pending = pending;
        this.plans = plans;
        this.dated = dated;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/areas/changes", this::change);
        router.add(HttpMethod.POST, "/api/v1/areas/changes/preview", this::preview);
        router.add(HttpMethod.GET, "/api/v1/areas/changes/pending", this::list);
        router.add(HttpMethod.POST, "/api/v1/areas/changes/pending/{id}/cancel", this::cancel);
    }

    private static void requireAdmin(ApiRequest request) {
        if (request.account().role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.CHANGE_AREAS);
        }
    }

    private static Rejection refused(AreaChangeRefused e) {
        return RejectionCode.AREA_CHANGE_REFUSED.reject(e.problems());
    }

    private ApiResponse change(ApiRequest request) {
        requireAdmin(request);
        AreaChange change = AreaChangeRequest.parse(request.jsonBody());
        PendingAreaChanges.Submitted submitted;
        try {
            submitted = pending.submit(change, request.account().id());
        } catch (AreaChangeRefused e) {
            throw refused(e);
        } catch (PendingAreaChanges.TooFarAhead e) {
            throw RejectionCode.TOO_FAR_AHEAD.reject("effective", e.effective(), ChangeTiming.MAX_DAYS_AHEAD);
        }
        return switch (submitted) {
            case PendingAreaChanges.Made m -> made(request, change, m.result());
            case PendingAreaChanges.Kept k -> {
                dated.run();
                request.audit("pending area change " + k.pending().id(), change.kind() + " effective "
                        + change.effective() + " (kept until its day)");
                Map<String, Object> out = view(k.pending());
                out.put("preview", k.preview());
                yield new ApiResponse(HttpResponseStatus.ACCEPTED, out, null, null, new LinkedHashMap<>());
            }
        };
    }

    private ApiResponse made(ApiRequest request, AreaChange change, AreaChangeResult result) {
        plans.markAllDirty();
        request.audit("area change " + result.changeId(), change.kind() + " effective " + change.effective()
                + " successors " + result.successorIds() + " flagged schedules " + result.flaggedSchedules()
                + " relays " + result.flaggedRelays());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changeId", result.changeId());
        out.put("state", PendingAreaChanges.State.APPLIED.name());
        out.put("kind", change.kind().name());
        out.put("effective", change.effective().toString());
        out.put("successorIds", result.successorIds());
        out.put("flaggedSchedules", result.flaggedSchedules());
        out.put("flaggedRelays", result.flaggedRelays());
        return ApiResponse.created(out);
    }

    /** The same body as a change: what it would rewrite, nothing made. */
    private ApiResponse preview(ApiRequest request) {
        requireAdmin(request);
        AreaChange change = AreaChangeRequest.parse(request.jsonBody());
        ChangePreview preview;
        try {
            preview = pending.preview(change);
        } catch (AreaChangeRefused e) {
            throw refused(e);
        } catch (PendingAreaChanges.TooFarAhead e) {
            throw RejectionCode.TOO_FAR_AHEAD.reject("effective", e.effective(), ChangeTiming.MAX_DAYS_AHEAD);
        }
        return ApiResponse.ok(preview);
    }

    private ApiResponse list(ApiRequest request) {
        requireAdmin(request);
        List<Map<String, Object>> out = new ArrayList<>();
        pending.list(200).forEach(p -> out.add(view(p)));
        return ApiResponse.ok(out);
    }

    private ApiResponse cancel(ApiRequest request) {
        requireAdmin(request);
        long id = request.pathId("id");
        return switch (pending.cancel(id, request.account().id())) {
            case PendingAreaChanges.Done d -> {
                request.audit("pending area change " + id, "cancelled (" + d.pending().kind() + " effective "
                        + d.pending().effective() + ")");
                yield ApiResponse.ok(view(d.pending()));
            }
            case PendingAreaChanges.NotFound n -> throw RejectionCode.NOT_FOUND.reject(ObjectKind.AREA_CHANGE, id);
            case PendingAreaChanges.NotPending n ->
                    throw RejectionCode.AREA_CHANGE_NOT_PENDING.reject(id, n.pending().state().name());
        };
    }

    private static Map<String, Object> view(PendingAreaChanges.Pending p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pendingId", p.id());
        m.put("state", p.state().name());
        m.put("kind", p.kind().name());
        m.put("effective", p.effective().toString());
        m.put("takesEffectAt", Json.local(p.takesEffectAt()));
        m.put("createdBy", p.createdBy());
        m.put("createdAt", Json.local(p.createdAt()));
        m.put("settledBy", p.settledBy());
        m.put("settledAt", Json.local(p.settledAt()));
        m.put("changeId", p.changeId());
        m.put("outcome", p.outcome());
        m.put("change", AreaChangeRequest.describe(p.change()));
        return m;
    }
}
