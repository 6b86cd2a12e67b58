package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.ScheduleService;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.RuleParser;

/** Create, list and delete schedules. */
public final class ScheduleEndpoints {
    private final ScheduleService service;
    private final ScheduleRepository schedules;
    private final RuleParser rules;
    private final ObjectMapper json;
    private final Clock clock;

    public ScheduleEndpoints(ScheduleService service, ScheduleRepository schedules, RuleParser rules, ObjectMapper json,
            Clock clock) {
        this.service = service;
        this.schedules = schedules;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/schedules", r -> ApiResponse.ok(schedules.findActive().stream().map(this::view).toList()));
        router.add(HttpMethod.GET, "/api/v1/schedules/{id}", r -> {
            long id = r.pathId("id");
            return ApiResponse.ok(view(schedules.find(id).orElseThrow(() -> ApiException.notFound("no such schedule: " + id))));
        });
        router.add(HttpMethod.POST, "/api/v1/schedules", this::create);
        router.add(HttpMethod.DELETE, "/api/v1/schedules/{id}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw ApiException.forbidden("only an admin or an operator may schedule bulletins");
        }
        JsonNode body = request.jsonBody();
        List<String> errors = new ArrayList<>();
        Long bulletinId = Json.id(body, "bulletinId", errors);
        String title = null;
        if (body.hasNonNull("title")) {
            title = Json.text(body, "title", 300, errors);
        }
        String priority = null;
        if (body.hasNonNull("priority")) {
            priority = body.get("priority").isTextual() ? body.get("priority").asText() : body.get("priority").toString();
        }
        Targets targets = null;
        JsonNode t = body.get("targets");
        if (t == null || !t.isObject()) {
            errors.add("targets: required, e.g. {\"stationIds\":[1],\"areaIds\":[],\"zoneIds\":[]}");
        } else {
            targets = new Targets(Json.ids(t, "stationIds", "targets.stationIds", errors),
                    Json.ids(t, "areaIds", "targets.areaIds", errors), Json.ids(t, "zoneIds", "targets.zoneIds", errors));
        }
        ScheduleService.Created created;
        try {
            created = service.create(new ScheduleService.NewSchedule(title, bulletinId, priority, targets, body.get("rule")),
                    errors, request.account().id());
        } catch (ScheduleService.Invalid e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Map<String, Object> out = view(created.schedule());
        out.put("nextRuns", created.nextRuns().stream().map(Json::local).toList());
        return ApiResponse.created(out).withHeader("Location", "/api/v1/schedules/" + created.schedule().id());
    }

    private ApiResponse delete(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw ApiException.forbidden("only an admin or an operator may delete schedules");
        }
        long id = request.pathId("id");
        if (!service.delete(id)) {
            throw ApiException.notFound("no such schedule: " + id);
        }
        return ApiResponse.noContent();
    }

    private Map<String, Object> view(Schedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("bulletinId", s.bulletinId());
        m.put("priority", s.priority().name());
        m.put("targets", json.valueToTree(s.targets()));
        m.put("rule", rules.toJson(s.rule()));
        m.put("createdAt", Json.utc(s.createdAt()));
        m.put("deleted", s.deletedAt() != null);
        Instant now = clock.instant();
        m.put("nextRuns", s.deletedAt() != null ? List.of() : s.rule().nextRuns(now, 5).stream().map(Json::local).toList());
        return m;
    }
}
