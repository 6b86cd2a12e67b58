package vn.loa.controller.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Role;
import vn.loa.controller.cap.CapDecision;
import vn.loa.controller.cap.CapIntake;
import vn.loa.controller.cap.CapRecord;
import vn.loa.controller.cap.CapRejected;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * CAP 1.2 intake (docs/integration.md#cap-12-alerts): {@code POST /api/v1/cap} takes one alert as XML; reviewers
 * approve or reject the alerts of untrusted callers. Trust comes from the signed-in account, never from the alert's
 * {@code <sender>}: an admin's alerts air at once, an operator's wait for an admin.
 */
public final class CapEndpoints {
    private static final int DEFAULT_LIMIT = 100;

    private final CapIntake intake;

    public CapEndpoints(CapIntake intake) {
        this.intake = intake;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/cap", this::post);
        router.add(HttpMethod.GET, "/api/v1/cap", this::list);
        router.add(HttpMethod.GET, "/api/v1/cap/{id}", this::one);
        router.add(HttpMethod.POST, "/api/v1/cap/{id}/approve", this::approve);
        router.add(HttpMethod.POST, "/api/v1/cap/{id}/reject", this::reject);
    }

    /** Whether the caller's alerts air without review. */
    static boolean trusted(Account caller) {
        return caller.role() == Role.ADMIN;
    }

    private ApiResponse post(ApiRequest r) throws InterruptedException {
        if (!r.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.POST_CAP_ALERTS);
        }
        byte[] xml = ByteBufUtil.getBytes(r.http().content());
        if (xml.length == 0) {
            throw RejectionCode.CAP_ALERT_REQUIRED.reject();
        }
        CapIntake.Outcome outcome;
        try {
            outcome = intake.take(xml, r.account().id(), trusted(r.account()));
        } catch (CapRejected e) {
            throw RejectionCode.CAP_REJECTED.reject(e.getMessage());
        }
        r.audit("cap:" + outcome.record().identifier(), outcome.record().state() + " " + outcome.record().detail());
        return new ApiResponse(HttpResponseStatus.CREATED, view(outcome.record(), outcome.decision()), null, null,
                new LinkedHashMap<>()).withHeader("Location", "/api/v1/cap/" + outcome.record().id());
    }

    private ApiResponse list(ApiRequest r) {
        Long limit = r.queryLong("limit");
        return ApiResponse.ok(intake.recent(limit == null ? DEFAULT_LIMIT : (int) Math.max(1, Math.min(limit, 1000)))
                .stream().map(c -> view(c, null)).toList());
    }

    private ApiResponse one(ApiRequest r) {
        long id = r.pathId("id");
        return ApiResponse.ok(view(intake.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.CAP_ALERT, id)), null));
    }

    private ApiResponse approve(ApiRequest r) throws InterruptedException {
        requireReviewer(r.account());
        long id = r.pathId("id");
        try {
            CapIntake.Outcome o = intake.approve(id, r.account().id(), r.account().username());
            r.audit("cap:" + o.record().identifier(), "approved: " + o.record().state() + " " + o.record().detail());
            return ApiResponse.ok(view(o.record(), o.decision()));
        } catch (NoSuchElementException e) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.CAP_ALERT, id);
        } catch (IllegalStateException e) {
            throw notPending(id, e);
        } catch (CapRejected e) {
            throw RejectionCode.CAP_REJECTED.reject(e.getMessage());
        }
    }

    private ApiResponse reject(ApiRequest r) {
        requireReviewer(r.account());
        long id = r.pathId("id");
        String note = r.queryParam("note");
        try {
            CapRecord c = intake.reject(id, r.account().username(), note);
            r.audit("cap:" + c.identifier(), "rejected");
            return ApiResponse.ok(view(c, null));
        } catch (NoSuchElementException e) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.CAP_ALERT, id);
        } catch (IllegalStateException e) {
            throw notPending(id, e);
        }
    }

    /**
     * Refused because the alert was decided already (its state read back: the intake says only that); an
     * {@code IllegalStateException} while the alert still waits is a fault elsewhere, rethrown (500, logged).
     */
    private Rejection notPending(long id, IllegalStateException e) {
        CapRecord.State state = intake.find(id).map(CapRecord::state).orElse(null);
        if (state == null || state == CapRecord.State.PENDING_APPROVAL) {
            throw e;
        }
        return RejectionCode.CAP_ALERT_NOT_PENDING.reject(id, state);
    }

    private static void requireReviewer(Account a) {
        if (!trusted(a)) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.REVIEW_CAP_ALERTS);
        }
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    static Map<String, Object> view(CapRecord c, CapDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("identifier", c.identifier());
        m.put("sender", c.sender());
        m.put("sent", text(c.sent()));
        m.put("msgType", c.msgType());
        m.put("receivedBy", c.receivedBy());
        m.put("receivedAt", text(c.receivedAt()));
        m.put("trusted", c.trusted());
        m.put("state", c.state().name());
        m.put("detail", c.detail());
        m.put("announcementId", c.announcementId());
        m.put("expiresAt", text(c.expiresAt()));
        m.put("expiredAt", text(c.expiredAt()));
        if (d instanceof CapDecision.Broadcast b) {
            m.put("priority", b.priority().name());
            m.put("stationIds", new java.util.TreeSet<>(b.stationIds()));
            m.put("expires", text(b.expires()));
        }
        return m;
    }
}
