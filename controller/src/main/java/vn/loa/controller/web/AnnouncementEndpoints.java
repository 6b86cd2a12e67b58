package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.controller.announcement.AnnouncementView;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.v1.Priority;

/** Urgent, text and live announcements: send now, watch station by station, stop everywhere. */
public final class AnnouncementEndpoints {
    private static final int MAX_TEXT = 5000;
    private static final int MAX_REPEAT = 20;
    private static final List<String> PRIORITIES = List.of("EMERGENCY", "PRIORITY", "NORMAL");
    private static final List<String> SOURCE_TYPES = List.of("bulletin", "text", "live");

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
        Problems problems = new Problems();
        String title = Json.text(body, "title", 300, problems);
        Priority priority = priority(body, problems);
        Targets targets = null;
        JsonNode t = body.get("targets");
        if (t == null || !t.isObject()) {
            problems.add(RejectionCode.REQUIRED, "targets");
        } else {
            targets = new Targets(Json.ids(t, "stationIds", "targets.stationIds", problems),
                    Json.ids(t, "areaIds", "targets.areaIds", problems), Json.ids(t, "zoneIds", "targets.zoneIds", problems));
        }
        AnnouncementSource source = source(body.get("source"), problems);
        boolean chime = !body.has("chime") || body.get("chime").asBoolean(true);
        int repeat = 1;
        if (body.hasNonNull("repeat")) {
            JsonNode r = body.get("repeat");
            if (!r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > MAX_REPEAT) {
                problems.add(RejectionCode.OUT_OF_RANGE, "repeat", 1, MAX_REPEAT);
            } else {
                repeat = r.asInt();
            }
        }
        Instant startAt = null;
        if (body.hasNonNull("startAt")) {
            try {
                startAt = OffsetDateTime.parse(body.get("startAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(RejectionCode.NOT_A_DATE_TIME, "startAt", body.get("startAt").asText());
            }
        }
        if (source instanceof AnnouncementSource.FromBulletin fb) {
            // the one scope check, before anything about the bulletin is looked at (no title or existence leaked)
            router.requireVisible(request.account(), ObjectKind.BULLETIN, Long.toString(fb.bulletinId()));
        }
        scopes.of(request.account()).requireTargets(targets);
        if (source instanceof AnnouncementSource.FromBulletin fb) {
            // an announcement itself never needs approval (urgent ones go at once), but a bulletin still pending may not air
            approvals.find(vn.loa.controller.approval.ApprovalKind.BULLETIN, fb.bulletinId())
                    .filter(b -> b.approval() != vn.loa.controller.approval.Approval.APPROVED)
                    .ifPresent(b -> problems.add(RejectionCode.BULLETIN_NOT_APPROVED, "source.bulletinId",
                            fb.bulletinId(), b.approval()));
        }
        long id = service.create(new AnnouncementService.Request(title, priority, targets, source, chime, repeat, startAt,
                request.account().id()), problems.list());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        return ApiResponse.created(out).withHeader("Location", "/api/v1/announcements/" + id);
    }

    private static Priority priority(JsonNode body, Problems problems) {
        String p = body.hasNonNull("priority") ? body.get("priority").asText() : null;
        if (p == null) {
            problems.add(RejectionCode.REQUIRED, "priority");
            return null;
        }
        return switch (p) {
            case "EMERGENCY" -> Priority.EMERGENCY;
            case "PRIORITY" -> Priority.PRIORITY;
            case "NORMAL" -> Priority.NORMAL;
            default -> {
                problems.add(RejectionCode.NOT_ONE_OF, "priority", p, PRIORITIES);
                yield null;
            }
        };
    }

    private AnnouncementSource source(JsonNode s, Problems problems) {
        if (s == null || !s.isObject() || !s.hasNonNull("type")) {
            problems.add(RejectionCode.REQUIRED, "source");
            return null;
        }
        switch (s.get("type").asText()) {
            case "bulletin" -> {
                Long id = Json.id(s, "bulletinId", "source.bulletinId", problems);
                return id == null ? null : new AnnouncementSource.FromBulletin(id);
            }
            case "text" -> {
                String text = Json.text(s, "text", "source.text", MAX_TEXT, problems);
                String voice = s.hasNonNull("voice") ? s.get("voice").asText() : "vi";
                String language = s.hasNonNull("language") ? s.get("language").asText()
                        : vn.loa.controller.bulletin.BulletinLanguage.DEFAULT;
                return text == null ? null : new AnnouncementSource.FromText(text, voice, language);
            }
            case "live" -> {
                return new AnnouncementSource.Live();
            }
            default -> {
                problems.add(RejectionCode.NOT_ONE_OF, "source.type", s.get("type").asText(), SOURCE_TYPES);
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
            throw RejectionCode.STOP_ON_LEADER_ONLY.reject(leader.get());
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
