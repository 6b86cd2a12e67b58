package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.rollout.Rollout;
import vn.loa.controller.rollout.RolloutPolicy;
import vn.loa.controller.rollout.RolloutService;
import vn.loa.controller.rejection.Problems;

/**
 * Rollouts of signed releases (docs/updates.md), admins only: start one, list, look at one with its stations,
 * pause, resume, abort. Every change is audited.
 */
public final class RolloutEndpoints {
    private final RolloutService rollouts;

    public RolloutEndpoints(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/rollouts", this::create);
        router.add(HttpMethod.GET, "/api/v1/rollouts", r -> {
            admin(r);
            return ApiResponse.ok(rollouts.list().stream().map(RolloutEndpoints::view).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/rollouts/{id}", r -> {
            admin(r);
            Rollout ro = visible(r);
            Map<String, Object> m = view(ro);
            List<Map<String, Object>> st = new ArrayList<>();
            for (var row : rollouts.stations(ro.id())) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("stationId", row.stationId());
                s.put("wave", row.wave());
                s.put("state", row.state().name());
                s.put("offeredAt", row.offeredAt() == null ? null : Json.utc(row.offeredAt()));
                s.put("changedAt", row.changedAt() == null ? null : Json.utc(row.changedAt()));
                s.put("detail", row.detail());
                st.add(s);
            }
            m.put("stations", st);
            return ApiResponse.ok(m);
        });
        // a station's update history (admins and technicians; the router checks the station is in the caller's scope)
        router.add(HttpMethod.GET, "/api/v1/stations/{id}/updates", r -> {
            if (!r.account().role().mayManageStations()) {
                throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, Action.MANAGE_RELEASES);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (var h : rollouts.history(r.pathId("id"))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rolloutId", h.rolloutId());
                m.put("version", h.version());
                m.put("rolloutState", h.rolloutState().name());
                m.put("createdAt", Json.utc(h.createdAt()));
                m.put("wave", h.wave());
                m.put("state", h.state().name());
                m.put("offeredAt", h.offeredAt() == null ? null : Json.utc(h.offeredAt()));
                m.put("changedAt", h.changedAt() == null ? null : Json.utc(h.changedAt()));
                m.put("detail", h.detail());
                out.add(m);
            }
            return ApiResponse.ok(out);
        });
        router.add(HttpMethod.POST, "/api/v1/rollouts/{id}/pause", r -> change(r, "pause"));
        router.add(HttpMethod.POST, "/api/v1/rollouts/{id}/resume", r -> change(r, "resume"));
        router.add(HttpMethod.POST, "/api/v1/rollouts/{id}/abort", r -> change(r, "abort"));
    }

    private ApiResponse create(ApiRequest r) {
        admin(r);
        JsonNode b = r.jsonBody();
        Problems errors = new Problems();
        if (b.path("releaseId").isMissingNode() || b.path("releaseId").isNull()) {
            errors.add(RejectionCode.REQUIRED, "releaseId");
        } else if (!b.path("releaseId").canConvertToLong()) {
            errors.add(RejectionCode.WRONG_TYPE, "releaseId", vn.loa.controller.rejection.Expected.ID);
        }
        List<Long> stationIds = Json.ids(b, "stationIds", "stationIds", errors);
        List<Long> areaIds = Json.ids(b, "areaIds", "areaIds", errors);
        errors.throwIfAny();
        RolloutPolicy d = RolloutPolicy.defaults();
        RolloutPolicy policy;
        try {
            List<Integer> percents = new ArrayList<>();
            if (b.has("percents")) {
                b.get("percents").forEach(n -> percents.add(n.asInt()));
            } else {
                percents.addAll(d.percents());
            }
            policy = new RolloutPolicy(b.path("canary").asInt(d.canary()), percents,
                    b.path("maxFailureShare").asDouble(d.maxFailureShare()),
                    Duration.ofSeconds(b.path("trialLimitSeconds").asLong(d.trialLimit().toSeconds())),
                    Duration.ofMinutes(b.path("stationTimeoutMinutes").asLong(d.stationTimeout().toMinutes())));
        } catch (IllegalArgumentException e) {
            throw RejectionCode.ROLLOUT_REFUSED.reject(e.getMessage());
        }
        Rollout created;
        try {
            created = rollouts.create(b.get("releaseId").asLong(), stationIds == null ? List.of() : stationIds,
                    areaIds == null ? List.of() : areaIds, policy, r.account().id());
        } catch (RolloutService.Refused e) {
            throw RejectionCode.ROLLOUT_REFUSED.reject(e.getMessage());
        }
        r.audit("rollout:" + created.id(), "release " + created.releaseId() + " started");
        return ApiResponse.created(view(created)).withHeader("Location", "/api/v1/rollouts/" + created.id());
    }

    private ApiResponse change(ApiRequest r, String what) {
        admin(r);
        Rollout ro = visible(r);
        String who = r.account().username();
        boolean done = switch (what) {
            case "pause" -> rollouts.pause(ro.id(), who);
            case "resume" -> rollouts.resume(ro.id(), who);
            default -> rollouts.abort(ro.id(), who);
        };
        if (!done) {
            throw RejectionCode.ROLLOUT_STATE.reject(ro.id(), rollouts.find(ro.id()).map(x -> x.state().name()).orElse("?"));
        }
        r.audit("rollout:" + ro.id(), what);
        return ApiResponse.ok(view(rollouts.find(ro.id()).orElseThrow()));
    }

    private Rollout visible(ApiRequest r) {
        long id = r.pathId("id");
        return rollouts.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.ROLLOUT, id));
    }

    private static void admin(ApiRequest r) {
        if (r.account().role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.MANAGE_RELEASES);
        }
    }

    static Map<String, Object> view(Rollout r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("releaseId", r.releaseId());
        m.put("state", r.state().name());
        m.put("canary", r.policy().canary());
        m.put("percents", r.policy().percents());
        m.put("maxFailureShare", r.policy().maxFailureShare());
        m.put("trialLimitSeconds", r.policy().trialLimit().toSeconds());
        m.put("stationTimeoutMinutes", r.policy().stationTimeout().toMinutes());
        m.put("createdBy", r.createdBy());
        m.put("createdAt", Json.utc(r.createdAt()));
        m.put("detail", r.detail());
        return m;
    }
}
