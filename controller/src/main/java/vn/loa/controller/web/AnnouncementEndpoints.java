package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.controller.announcement.AnnouncementView;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.v1.Priority;

/** Urgent, text and live announcements: send now, watch station by station, stop everywhere. */
public final class AnnouncementEndpoints {
    private static final int MAX_TEXT = 5000;
    private static final int MAX_REPEAT = 20;

    private final AnnouncementService service;
    private final ScopeGuard scopes;
    private final vn.loa.controller.approval.ApprovalRepository approvals;
    /** The router this registered with: its scope check also covers the bulletin a body names. */
    private Router router;

    public AnnouncementEndpoints(AnnouncementService service, ScopeGuard scopes,
            vn.loa.controller.approval.ApprovalRepository approvals) {
        this.service = service;
        this.scopes = scopes;
        this.approvals = approvals;
    }

    public void register(Router router) {
        this.router = router;
        router.visibility(vn.loa.controller.rejection.ObjectKind.ANNOUNCEMENT, (caller, id) -> service.view(id)
                .filter(v -> {
                    ScopeGuard.View scope = scopes.of(caller);
                    return scope.everything() || v.stations().stream().anyMatch(s -> scope.stationVisible(s.stationId()));
                }).isPresent());
        router.add(HttpMethod.POST, "/api/v1/announcements", this::create);
        router.add(HttpMethod.GET, "/api/v1/announcements/{id}", this::one);
        router.add(HttpMethod.DELETE, "/api/v1/announcements/{id}", this::stop);
    }

    private ApiResponse create(ApiRequest request) throws Exception {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.SEND_ANNOUNCEMENTS);
        }
        JsonNode body = request.jsonBody();
        List<String> errors = new ArrayList<>();
        String title = Json.text(body, "title", 300, errors);
        Priority priority = null;
        String p = body.hasNonNull("priority") ? body.get("priority").asText() : null;
        if (p == null) {
            errors.add("priority: required, one of EMERGENCY, PRIORITY, NORMAL");
        } else {
            switch (p) {
                case "EMERGENCY" -> priority = Priority.EMERGENCY;
                case "PRIORITY" -> priority = Priority.PRIORITY;
                case "NORMAL" -> priority = Priority.NORMAL;
                default -> errors.add("priority: '" + p + "' is not one of EMERGENCY, PRIORITY, NORMAL");
            }
        }
        Targets targets = null;
        JsonNode t = body.get("targets");
        if (t == null || !t.isObject()) {
            errors.add("targets: required, e.g. {\"stationIds\":[],\"areaIds\":[1],\"zoneIds\":[]}");
        } else {
            targets = new Targets(Json.ids(t, "stationIds", "targets.stationIds", errors),
                    Json.ids(t, "areaIds", "targets.areaIds", errors), Json.ids(t, "zoneIds", "targets.zoneIds", errors));
        }
        AnnouncementSource source = source(body.get("source"), errors);
        boolean chime = !body.has("chime") || body.get("chime").asBoolean(true);
        int repeat = 1;
        if (body.hasNonNull("repeat")) {
            JsonNode r = body.get("repeat");
            if (!r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > MAX_REPEAT) {
                errors.add("repeat: a whole number from 1 to " + MAX_REPEAT);
            } else {
                repeat = r.asInt();
            }
        }
        Instant startAt = null;
        if (body.hasNonNull("startAt")) {
            try {
                startAt = OffsetDateTime.parse(body.get("startAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("startAt: '" + body.get("startAt").asText() + "' is not a date-time like 2026-12-01T17:00:00+07:00");
            }
        }
        if (source instanceof AnnouncementSource.FromBulletin fb) {
            // the one scope check, before anything about the bulletin is looked at (no title or existence leaked)
            router.requireVisible(request.account(), vn.loa.controller.rejection.ObjectKind.BULLETIN,
                    Long.toString(fb.bulletinId()));
        }
        scopes.of(request.account()).requireTargets(targets);
        if (source instanceof AnnouncementSource.FromBulletin fb) {
            // an announcement itself never needs approval (urgent ones go at once), but a bulletin still pending may not air
            approvals.find(vn.loa.controller.approval.ApprovalKind.BULLETIN, fb.bulletinId())
                    .filter(b -> b.approval() != vn.loa.controller.approval.Approval.APPROVED)
                    .ifPresent(b -> errors.add("source.bulletinId: bulletin " + fb.bulletinId() + " is " + b.approval()
                            + " approval and cannot be announced until a reviewer approves it"));
        }
        long id;
        try {
            id = service.create(new AnnouncementService.Request(title, priority, targets, source, chime, repeat, startAt,
                    request.account().id()), errors);
        } catch (AnnouncementService.Invalid e) {
            throw new ApiException(e.unavailable() ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.BAD_REQUEST,
                    e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        return ApiResponse.created(out).withHeader("Location", "/api/v1/announcements/" + id);
    }

    private AnnouncementSource source(JsonNode s, List<String> errors) {
        if (s == null || !s.isObject() || !s.hasNonNull("type")) {
            errors.add("source: required, {\"type\":\"bulletin\",\"bulletinId\":…}, {\"type\":\"text\",\"text\":…,\"voice\":\"vi\"} or {\"type\":\"live\"}");
            return null;
        }
        switch (s.get("type").asText()) {
            case "bulletin" -> {
                Long id = Json.id(s, "bulletinId", errors);
                return id == null ? null : new AnnouncementSource.FromBulletin(id);
            }
            case "text" -> {
                List<String> e = new ArrayList<>();
                String text = Json.text(s, "text", MAX_TEXT, e);
                e.forEach(x -> errors.add("source." + x));
                String voice = s.hasNonNull("voice") ? s.get("voice").asText() : "vi";
                String language = s.hasNonNull("language") ? s.get("language").asText()
                        : vn.loa.controller.bulletin.BulletinLanguage.DEFAULT;
                return text == null ? null : new AnnouncementSource.FromText(text, voice, language);
            }
            case "live" -> {
                return new AnnouncementSource.Live();
            }
            default -> {
                errors.add("source.type: '" + s.get("type").asText() + "' is not one of bulletin, text, live");
                return null;
            }
        }
    }

    private ApiResponse one(ApiRequest request) {
        long id = request.pathId("id");
        AnnouncementView v = service.view(id).orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.ANNOUNCEMENT, id));
        ScopeGuard.View scope = scopes.of(request.account());
        if (!scope.everything()) {
            // a scoped caller sees an announcement that reached a station of theirs, and only their stations
            var mine = v.stations().stream().filter(s -> scope.stationVisible(s.stationId())).toList();
            if (mine.isEmpty()) {
                throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.ANNOUNCEMENT, id);
            }
            v = new AnnouncementView(v.id(), v.title(), v.priority(), v.sourceType(), v.state(), v.startAt(),
                    v.createdAt(), mine);
        }
        return ApiResponse.ok(view(v));
    }

    private ApiResponse stop(ApiRequest request) {
        if (!request.account().role().mayBroadcast()) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN_OR_OPERATOR, vn.loa.controller.rejection.Action.STOP_ANNOUNCEMENTS);
        }
        long id = request.pathId("id");
        var existing = service.view(id);
        ScopeGuard.View scope = scopes.of(request.account());
        if (existing.isEmpty() || existing.get().stations().stream().noneMatch(s -> scope.stationVisible(s.stationId()))) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.ANNOUNCEMENT, id);
        }
        scope.requireWhole(vn.loa.controller.rejection.ObjectKind.ANNOUNCEMENT, id, new Targets(
                existing.get().stations().stream().map(s -> s.stationId()).toList(), List.of(), List.of()));
        java.util.Optional<String> leader = service.standbyFor();
        if (leader.isPresent()) { // announcements run on the leader: stopped there
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "Dừng thông báo phải làm trên máy chủ đang "
                    + "điều khiển (" + leader.get() + "); máy chủ này đang dự phòng (an announcement is stopped on the "
                    + "leading node, " + leader.get() + ": this node stands by)");
        }
        if (!service.stop(id, "stopped by " + request.account().username())) {
            throw vn.loa.controller.rejection.RejectionCode.ANNOUNCEMENT_NOT_RUNNING.reject(id);
        }
        return ApiResponse.noContent();
    }

    static Map<String, Object> view(AnnouncementView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("title", v.title());
        m.put("priority", v.priority());
        m.put("source", v.sourceType());
        m.put("state", v.state());
        m.put("startAt", Json.utc(v.startAt()));
        m.put("createdAt", Json.utc(v.createdAt()));
        m.put("stations", v.stations().stream().map(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("stationId", s.stationId());
            sm.put("zoneIds", s.zoneIds());
            sm.put("state", s.state().name());
            sm.put("startedAt", Json.utc(s.startedAt()));
            sm.put("endedAt", Json.utc(s.endedAt()));
            sm.put("reason", s.reason());
            sm.put("underruns", s.underruns());
            return sm;
        }).toList());
        return m;
    }
}
