package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.quiet.QuietHoursService;
import vn.loa.controller.quiet.StationQuietRule;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.Priority;

/** Quiet hours and time-of-day volume ("giờ yên lặng"): list, add (with the schedules it holds back), delete. */
public final class QuietRuleEndpoints {
    private final QuietHoursService service;
    private final ScopeGuard scopes;

    public QuietRuleEndpoints(QuietHoursService service, ScopeGuard scopes) {
        this.service = service;
        this.scopes = scopes;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/quiet-rules", this::list);
        router.add(HttpMethod.POST, "/api/v1/quiet-rules", this::create);
        router.add(HttpMethod.DELETE, "/api/v1/quiet-rules/{id}", this::delete);
    }

    private ApiResponse list(ApiRequest request) {
        ScopeGuard.View scope = scopes.of(request.account());
        return ApiResponse.ok(service.list().stream()
                .filter(r -> r.stationId() == null || scope.stationVisible(r.stationId()))
                .map(QuietRuleEndpoints::view).toList());
    }

    private ApiResponse create(ApiRequest request) throws Exception {
        if (!request.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.SET_QUIET_HOURS);
        }
        JsonNode body = request.jsonBody();
        Problems problems = new Problems();
        String name = Json.text(body, "name", 200, problems);
        Long stationId = body.hasNonNull("stationId") ? Json.id(body, "stationId", problems) : null;
        LocalTime from = time(body, "from", problems);
        LocalTime to = time(body, "to", problems);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (body.has("days") && body.get("days").isArray()) {
            for (JsonNode d : body.get("days")) {
                try {
                    days.add(DayOfWeek.valueOf(d.asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(RejectionCode.NOT_ONE_OF, "days", d.asText(),
                            Arrays.stream(DayOfWeek.values()).map(Enum::name).toList());
                }
            }
        }
        QuietRule.Effect effect = null;
        String e = body.hasNonNull("effect") ? body.get("effect").asText() : "HOLD_BACK";
        try {
            effect = QuietRule.Effect.valueOf(e);
        } catch (IllegalArgumentException x) {
            problems.add(RejectionCode.NOT_ONE_OF, "effect", e, List.of("HOLD_BACK", "ATTENUATE"));
        }
        double gainDb = body.hasNonNull("gainDb") ? body.get("gainDb").asDouble(Double.NaN) : 0;
        Priority overrideFrom = Priority.PRIORITY;
        if (body.hasNonNull("overrideFrom")) {
            try {
                overrideFrom = Priority.valueOf(body.get("overrideFrom").asText());
            } catch (IllegalArgumentException x) {
                problems.add(RejectionCode.NOT_ONE_OF, "overrideFrom", body.get("overrideFrom").asText(),
                        List.of("NORMAL", "PRIORITY", "EMERGENCY"));
            }
        }
        List<Long> zoneIds = body.has("zoneIds") ? Json.ids(body, "zoneIds", "zoneIds", problems) : List.of();
        problems.throwIfAny();
        ScopeGuard.View scope = scopes.of(request.account());
        if (stationId == null && !scope.everything()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.UNSCOPED, Action.SET_QUIET_HOURS_EVERYWHERE);
        }
        if (stationId != null) {
            scope.requireStation(stationId);
        }
        QuietHoursService.Created created = service.create(stationId, new QuietRule(0, name, from, to, days, effect,
                gainDb, overrideFrom, Set.copyOf(zoneIds)), request.account().id());
        request.audit("quiet-rule " + created.rule().id(), name);
        Map<String, Object> out = view(created.rule());
        out.put("conflicts", created.conflicts().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheduleId", c.scheduleId());
            m.put("title", c.title());
            m.put("stationId", c.stationId());
            m.put("stationName", c.stationName());
            m.put("at", Json.local(c.at()));
            m.put("rule", c.ruleName());
            return m;
        }).toList());
        return ApiResponse.created(out).withHeader("Location", "/api/v1/quiet-rules/" + created.rule().id());
    }

    private ApiResponse delete(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.SET_QUIET_HOURS);
        }
        long id = request.pathId("id");
        StationQuietRule rule = service.list().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.QUIET_RULE, id));
        ScopeGuard.View scope = scopes.of(request.account());
        if (rule.stationId() == null ? !scope.everything() : !scope.stationVisible(rule.stationId())) {
            // the same answer as for a rule that does not exist: a rule id outside the scope reveals nothing
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.QUIET_RULE, id);
        }
        service.delete(id);
        request.audit("quiet-rule " + id, "deleted");
        return ApiResponse.noContent();
    }

    private static LocalTime time(JsonNode body, String field, Problems problems) {
        String v = body.hasNonNull(field) ? body.get(field).asText() : null;
        if (v == null) {
            problems.add(RejectionCode.REQUIRED, field);
            return null;
        }
        try {
            if (v.matches("\\d{2}:\\d{2}")) {
                return LocalTime.parse(v);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(RejectionCode.NOT_A_TIME, field, v);
        return null;
    }

    static Map<String, Object> view(StationQuietRule r) {
        QuietRule q = r.rule();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("name", q.name());
        m.put("stationId", r.stationId());
        m.put("zoneIds", q.zoneIds().stream().sorted().toList());
        m.put("from", q.from().toString());
        m.put("to", q.to().toString());
        m.put("days", q.days().stream().sorted().map(Enum::name).toList());
        m.put("effect", q.effect().name());
        m.put("gainDb", q.gainDb());
        m.put("overrideFrom", q.overrideFrom().name());
        m.put("createdAt", Json.local(r.createdAt()));
        return m;
    }
}
