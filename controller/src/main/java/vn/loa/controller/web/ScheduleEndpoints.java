package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.approval.Approval;
import vn.loa.controller.approval.ApprovalKind;
import vn.loa.controller.approval.ApprovalPolicy;
import vn.loa.controller.approval.ApprovalRepository;
import vn.loa.controller.approval.ApprovalState;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.ScheduleService;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.protocol.v1.PlanItem;

/** Create, list and delete schedules. */
public final class ScheduleEndpoints {
    private final ScheduleService service;
    private final ScheduleRepository schedules;
    private final RuleParser rules;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScopeGuard scopes;
    private final ApprovalRepository approvals;
    private final NewScheduleReader reader;
    /** The router this registered with: its scope check also covers the bulletin a body names. */
    private Router router;

    public ScheduleEndpoints(ScheduleService service, ScheduleRepository schedules, RuleParser rules, ObjectMapper json,
            Clock clock, ScopeGuard scopes, ApprovalRepository approvals) {
        this.scopes = scopes;
        this.approvals = approvals;
        this.service = service;
        this.schedules = schedules;
        this.rules = rules;
        this.reader = new NewScheduleReader(rules);
        this.json = json;
        this.clock = clock;
    }

    public void register(Router router) {
        this.router = router;
        router.visibility(vn.loa.controller.rejection.ObjectKind.SCHEDULE,
                (caller, id) -> schedules.find(id).filter(s -> scopes.of(caller).sees(s.targets())).isPresent());
        router.add(HttpMethod.GET, "/api/v1/schedules", r -> {
            ScopeGuard.View scope = scopes.of(r.account());
            Map<Long, Approval> states = approvals.all(ApprovalKind.SCHEDULE);
            return ApiResponse.ok(schedules.findActive().stream().filter(s -> scope.sees(s.targets()))
                    .map(s -> view(s, states.get(s.id()))).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/schedules/{id}", r -> {
            long id = r.pathId("id");
            return ApiResponse.ok(view(visible(r, id)));
        });
        router.add(HttpMethod.POST, "/api/v1/schedules", this::create);
        router.add(HttpMethod.DELETE, "/api/v1/schedules/{id}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.SCHEDULE_BULLETINS);
        }
        Problems errors = new Problems();
        ScheduleService.NewSchedule asked = reader.read(request.jsonBody(), errors);
        Long bulletinId = asked.bulletinId();
        if (bulletinId != null) {
            // the one scope check, before anything about the bulletin is looked at (no title or existence leaked)
            router.requireVisible(request.account(), vn.loa.controller.rejection.ObjectKind.BULLETIN,
                    Long.toString(bulletinId));
        }
        ScopeGuard.View scope = scopes.of(request.account());
        scope.requireTargets(asked.targets());
        if (bulletinId != null) {
            approvals.find(ApprovalKind.BULLETIN, bulletinId).filter(b -> b.approval() != Approval.APPROVED)
                    .ifPresent(b -> errors.add(RejectionCode.BULLETIN_NOT_APPROVED, "bulletinId", bulletinId, b.approval()));
        }
        Long approvalArea = ApprovalPolicy.approvalArea(request.account(), scope.tree(),
                approvals.areasRequiringApproval()).orElse(null);
        ScheduleService.Created created = service.create(asked, errors, request.account().id(), approvalArea);
        Map<String, Object> out = view(created.schedule());
        out.put("nextRuns", created.nextRuns().stream().map(Json::local).toList());
        return ApiResponse.created(out).withHeader("Location", "/api/v1/schedules/" + created.schedule().id());
    }

    private ApiResponse delete(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.DELETE_SCHEDULES);
        }
        long id = request.pathId("id");
        Schedule existing = visible(request, id);
        scopes.of(request.account()).requireWhole(vn.loa.controller.rejection.ObjectKind.SCHEDULE, id, existing.targets());
        if (!service.delete(id)) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.SCHEDULE, id);
        }
        return ApiResponse.noContent();
    }

    /** The schedule, or 404 when there is none or the caller's scope does not see it. */
    private Schedule visible(ApiRequest r, long id) {
        return schedules.find(id).filter(s -> scopes.of(r.account()).sees(s.targets()))
                .orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.SCHEDULE, id));
    }

    private Map<String, Object> view(Schedule s) {
        return view(s, approvals.find(ApprovalKind.SCHEDULE, s.id()).map(ApprovalState::approval).orElse(Approval.APPROVED));
    }

    private Map<String, Object> view(Schedule s, Approval approval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("bulletinId", s.bulletinId());
        m.put("priority", s.priority().name());
        m.put("targets", json.valueToTree(s.targets()));
        m.put("rule", rules.toJson(s.rule()));
        m.put("onPreempt", s.onPreempt().name());
        Map<String, Object> hardTime = new LinkedHashMap<>();
        hardTime.put("mode", s.hardTime().name());
        hardTime.put("maxWaitSeconds", s.maxWaitSeconds());
        if (s.hardTime() == PlanItem.HardTime.WAIT) {
            hardTime.put("explicit", s.waitAsked());
        }
        m.put("hardTime", hardTime);
        m.put("createdAt", Json.utc(s.createdAt()));
        m.put("deleted", s.deletedAt() != null);
        m.put("approval", (approval == null ? Approval.APPROVED : approval).name());
        Instant now = clock.instant();
        m.put("nextRuns", s.deletedAt() != null ? List.of() : s.rule().nextRuns(now, 5).stream().map(Json::local).toList());
        return m;
    }
}
