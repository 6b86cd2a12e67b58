package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.relay.Occurrence;
import vn.loa.controller.relay.Relay;
import vn.loa.controller.relay.RelayDraft;
import vn.loa.controller.relay.RelayService;
import vn.loa.controller.relay.RelayStatus;
import vn.loa.controller.schedule.Targets;

/** Relays of upstream radio ("tiếp sóng"): create, list, look at one with its live state, delete. See docs/relay.md. */
public final class RelayEndpoints {
    private final RelayService service;
    private final ObjectMapper json;
    private final ScopeGuard scopes;
    private final vn.loa.controller.alarm.AlarmRepository alarms;

    public RelayEndpoints(RelayService service, ObjectMapper json, ScopeGuard scopes) {
        this(service, json, scopes, null);
    }

    /**
     * @param alarms where each relay's open alarm is read from, shown with the relay to whoever may see the relay
     *               (relay alarms are kept under station 0, which a scoped account's alarm list leaves out); null: none
     */
    public RelayEndpoints(RelayService service, ObjectMapper json, ScopeGuard scopes,
            vn.loa.controller.alarm.AlarmRepository alarms) {
        this.service = service;
        this.json = json;
        this.scopes = scopes;
        this.alarms = alarms;
    }

    public void register(Router router) {
        router.visibility(vn.loa.controller.rejection.ObjectKind.RELAY,
                (caller, id) -> service.find(id).filter(x -> scopes.of(caller).sees(x.targets())).isPresent());
        router.add(HttpMethod.POST, "/api/v1/relays", this::create);
        router.add(HttpMethod.GET, "/api/v1/relays", r -> {
            ScopeGuard.View scope = scopes.of(r.account());
            Map<String, vn.loa.controller.alarm.Alarm> open = openAlarms();
            return ApiResponse.ok(service.list().stream().filter(x -> scope.sees(x.targets()))
                    .map(x -> withAlarm(view(x), open.get(Long.toString(x.id())))).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/relays/{id}", r -> {
            Relay relay = visible(r);
            return ApiResponse.ok(withAlarm(view(relay), openAlarms().get(Long.toString(relay.id()))));
        });
        router.add(HttpMethod.DELETE, "/api/v1/relays/{id}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.CREATE_RELAYS);
        }
        JsonNode body = request.jsonBody();
        Problems errors = new Problems();
        Targets targets = null;
        JsonNode t = body.get("targets");
        if (t == null || !t.isObject()) {
            errors.add(RejectionCode.REQUIRED, "targets");
        } else {
            targets = new Targets(Json.ids(t, "stationIds", "targets.stationIds", errors),
                    Json.ids(t, "areaIds", "targets.areaIds", errors), Json.ids(t, "zoneIds", "targets.zoneIds", errors));
        }
        List<RelayDraft.Window> windows = new ArrayList<>();
        JsonNode w = body.get("windows");
        if (w != null && !w.isNull()) {
            if (!w.isArray()) {
                errors.add(RejectionCode.WRONG_TYPE, "windows", Expected.LIST);
            } else {
                for (int i = 0; i < w.size(); i++) {
                    JsonNode one = w.get(i);
                    if (!one.isObject()) {
                        errors.add(RejectionCode.WRONG_TYPE, "windows[" + i + "]", Expected.OBJECT);
                    } else {
                        windows.add(new RelayDraft.Window(text(one, "start"), text(one, "end")));
                    }
                }
            }
        }
        List<String> days = null;
        JsonNode d = body.get("days");
        if (d != null && !d.isNull()) {
            days = new ArrayList<>();
            if (!d.isArray()) {
                errors.add(RejectionCode.WRONG_TYPE, "days", Expected.LIST);
            } else {
                for (JsonNode day : d) {
                    days.add(day.isTextual() ? day.asText() : day.toString());
                }
            }
        }
        if (targets != null) {
            scopes.of(request.account()).requireTargets(targets);
        }
        Long fallback = null;
        JsonNode fb = body.get("fallbackBulletinId");
        if (fb != null && !fb.isNull()) {
            if (fb.canConvertToLong() && fb.isIntegralNumber() && fb.asLong() > 0) {
                fallback = fb.asLong();
            } else {
                errors.add(RejectionCode.WRONG_TYPE, "fallbackBulletinId", Expected.ID);
            }
        }
        RelayDraft draft = new RelayDraft(text(body, "title"), text(body, "url"), targets, windows, days,
                text(body, "from"), text(body, "until"), fallback);
        if (!errors.isEmpty()) {
            service.problems(draft).forEach(errors::add);
            errors.throwIfAny();
        }
        RelayService.Created created = service.create(draft, request.account().id());
        Map<String, Object> out = view(created.relay());
        out.put("nextWindows", windows(created.nextWindows()));
        return ApiResponse.created(out).withHeader("Location", "/api/v1/relays/" + created.relay().id());
    }

    private ApiResponse delete(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.DELETE_RELAYS);
        }
        long id = request.pathId("id");
        scopes.of(request.account()).requireWhole(vn.loa.controller.rejection.ObjectKind.RELAY, id, visible(request).targets());
        if (!service.delete(id)) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.RELAY, id);
        }
        return ApiResponse.noContent();
    }

    /** The relay, or 404 when there is none or the caller's scope does not see it. */
    private vn.loa.controller.relay.Relay visible(ApiRequest r) {
        long id = r.pathId("id");
        return service.find(id).filter(x -> scopes.of(r.account()).sees(x.targets()))
                .orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.RELAY, id));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private Map<String, Object> view(Relay r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("title", r.title());
        m.put("url", r.url().toString());
        m.put("targets", json.valueToTree(r.targets()));
        m.put("windows", r.calendar().windows().stream().map(w -> Map.of("start", w.start(), "end", w.end())).toList());
        m.put("days", r.calendar().days().stream().sorted().map(x -> x.name().substring(0, 3)).toList());
        m.put("from", r.calendar().from().toString());
        m.put("until", r.calendar().until() == null ? null : r.calendar().until().toString());
        m.put("timeZone", r.calendar().zone().getId());
        m.put("fallbackBulletinId", r.fallbackBulletinId());
        m.put("createdAt", Json.utc(r.createdAt()));
        m.put("deleted", r.deletedAt() != null);
        RelayStatus s = service.status(r.id());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", r.deletedAt() != null ? "IDLE" : s.state().name());
        state.put("since", Json.local(s.since()));
        state.put("window", s.window() == null ? null : window(s.window()));
        state.put("announcementId", s.announcementId());
        state.put("format", s.format());
        state.put("lastError", s.lastError());
        state.put("lastErrorAt", Json.local(s.lastErrorAt()));
        m.put("status", state);
        m.put("state", state.get("state"));
        m.put("lastError", s.lastError());
        m.put("nextWindows", windows(service.nextWindows(r)));
        return m;
    }

    /** Each relay's newest alarm that is not cleared, by relay id (the alarm's subject). */
    private Map<String, vn.loa.controller.alarm.Alarm> openAlarms() {
        Map<String, vn.loa.controller.alarm.Alarm> out = new java.util.HashMap<>();
        if (alarms == null) {
            return out;
        }
        for (vn.loa.controller.alarm.Alarm a : alarms.find(new vn.loa.controller.alarm.AlarmRepository.Filter(null,
                vn.loa.controller.relay.RelayAlarms.CONTROLLER, vn.loa.controller.alarm.AlarmKind.RELAY_UPSTREAM_DOWN,
                null, null, 1000))) {
            if (a.state() != vn.loa.controller.alarm.AlarmState.CLEARED) {
                out.putIfAbsent(a.subject(), a); // newest first
            }
        }
        return out;
    }

    /** The relay's alarm: its id, state, whether its condition lasts, its titles (Vietnamese, English) and detail. */
    private static Map<String, Object> withAlarm(Map<String, Object> view, vn.loa.controller.alarm.Alarm a) {
        if (a == null) {
            view.put("alarm", null);
            return view;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("kind", a.kind().name());
        m.put("titleVi", a.kind().vietnamese());
        m.put("titleEn", a.kind().english());
        m.put("state", a.state().name());
        m.put("conditionActive", a.conditionActive());
        m.put("detail", a.detail());
        m.put("raisedAt", Json.utc(a.raisedAt()));
        view.put("alarm", m);
        return view;
    }

    private static List<Map<String, String>> windows(List<Occurrence> list) {
        return list.stream().map(RelayEndpoints::window).toList();
    }

    private static Map<String, String> window(Occurrence o) {
        return Map.of("start", Json.local(o.start()), "end", Json.local(o.end()));
    }
}
