package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.inbox.Answer;
import vn.loa.controller.inbox.Dispatch;
import vn.loa.controller.inbox.InboxItem;
import vn.loa.controller.inbox.InboxRefused;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.inbox.InboxRepository;
import vn.loa.controller.inbox.InboxService;
import vn.loa.controller.inbox.ItemState;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.inbox.Source;

/**
 * The province's side (send a bulletin down to communes, see each commune's answer) and the commune's
 * inbox (accept at slots, decline with a reason, move a priority item) — docs/areas.md#the-communes-inbox.
 */
public final class InboxEndpoints {
    private final InboxService inbox;
    private final InboxRepository repository;
    private final ScopeGuard scopes;

    public InboxEndpoints(InboxService inbox, InboxRepository repository, ScopeGuard scopes) {
        this.inbox = inbox;
        this.repository = repository;
        this.scopes = scopes;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/dispatches", r -> send(r, router));
        router.add(HttpMethod.GET, "/api/v1/dispatches", this::sent);
        router.add(HttpMethod.GET, "/api/v1/inbox", this::list);
        router.add(HttpMethod.POST, "/api/v1/inbox/{id}/accept", r -> answer(r, accept(r.jsonBody())));
        router.add(HttpMethod.POST, "/api/v1/inbox/{id}/decline", r -> answer(r,
                new Answer.Decline(r.jsonBody().path("reason").asText(null))));
        router.add(HttpMethod.POST, "/api/v1/inbox/{id}/move", r -> answer(r,
                new Answer.Move(instant(r.jsonBody(), "to", true))));
    }

    private ApiResponse send(ApiRequest request, Router router) {
        ScopeGuard.View scope = scopes.of(request.account());
        Role role = request.account().role();
        boolean provinceLevel = scope.everything() || scope.tree().get(scope.scope().rootAreaId())
                .map(Area::kind).orElse(null) == AreaKind.PROVINCE;
        if ((role != Role.ADMIN && role != Role.OPERATOR) || !provinceLevel) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.PROVINCE_LEVEL, Action.SEND_DOWN);
        }
        JsonNode body = request.jsonBody();
        Problems errors = new Problems();
        String title = Json.text(body, "title", 300, errors);
        Long bulletin = Json.id(body, "bulletinId", errors);
        String levelText = Json.text(body, "level", 20, errors);
        List<Long> communes = Json.ids(body, "communeIds", "communeIds", errors);
        errors.throwIfAny();
        Level level;
        try {
            level = Level.valueOf(levelText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectionCode.NOT_ONE_OF.reject("level", levelText, "NORMAL, PRIORITY, EMERGENCY");
        }
        // a bulletin or a commune outside the scope answers as one that does not exist (docs/accounts.md#scopes)
        router.requireVisible(request.account(), vn.loa.controller.rejection.ObjectKind.BULLETIN, Long.toString(bulletin));
        if (!scope.everything()) {
            communes.forEach(scope::requireArea);
        }
        Duration window = body.hasNonNull("windowMinutes") ? Duration.ofMinutes(body.get("windowMinutes").asLong()) : null;
        try {
            InboxService.Sent sent = inbox.send(new InboxService.NewDispatch(title, bulletin, level,
                    instant(body, "proposedAt", level != Level.EMERGENCY), instant(body, "respondBy", false), window,
                    communes, Source.PERSON, null, request.account().id()), scope.tree());
            request.audit("dispatch " + sent.dispatchId(), level + " bulletin " + bulletin + " to communes " + communes);
            Map<String, Object> out = view(repository.dispatch(sent.dispatchId()).orElseThrow(), scope);
            out.put("announcementId", sent.announcementId());
            return ApiResponse.created(out);
        } catch (InboxRefused e) {
            throw RejectionCode.INBOX_REFUSED.reject(e.problems());
        }
    }

    /** The sender's view: every dispatch with each commune's state and the counts. */
    private ApiResponse sent(ApiRequest request) {
        ScopeGuard.View scope = scopes.of(request.account());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Dispatch d : repository.dispatches()) {
            Map<String, Object> v = view(d, scope);
            if (!((List<?>) v.get("communes")).isEmpty()) {
                out.add(v);
            }
        }
        return ApiResponse.ok(out);
    }

    private Map<String, Object> view(Dispatch d, ScopeGuard.View scope) {
        Map<String, Object> m = dispatch(d);
        Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
        List<Map<String, Object>> communes = new ArrayList<>();
        for (InboxItem item : repository.itemsOf(d.id())) {
            if (!scope.areaVisible(item.communeId())) {
                continue;
            }
            ItemState state = inbox.stateForSender(d, item);
            counts.merge(state, 1, Integer::sum);
            Map<String, Object> c = item(item, state, scope);
            communes.add(c);
        }
        m.put("counts", counts);
        m.put("communes", communes);
        return m;
    }

    /** The commune's inbox: the items of the communes in the caller's scope, newest first. */
    private ApiResponse list(ApiRequest request) {
        ScopeGuard.View scope = scopes.of(request.account());
        List<Long> communes = scope.tree().all().stream()
                .filter(a -> a.kind() == AreaKind.COMMUNE && scope.areaVisible(a.id())).map(Area::id).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        Map<Long, Dispatch> dispatches = new LinkedHashMap<>();
        for (InboxItem item : repository.itemsFor(communes)) {
            Dispatch d = dispatches.computeIfAbsent(item.dispatchId(), id -> repository.dispatch(id).orElseThrow());
            Map<String, Object> m = item(item, inbox.stateForSender(d, item), scope);
            m.put("dispatch", dispatch(d));
            out.add(m);
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse answer(ApiRequest request, Answer answer) {
        long id = request.pathId("id");
        InboxItem item = repository.item(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.INBOX_ITEM, id));
        ScopeGuard.View scope = scopes.of(request.account());
        Role role = request.account().role();
        if (!scope.areaVisible(item.communeId())) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.INBOX_ITEM, id);
        }
        if (role != Role.ADMIN && role != Role.OPERATOR) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.ANSWER_INBOX);
        }
        try {
            InboxItem answered = inbox.answer(id, answer, request.account().id());
            request.audit("inbox item " + id, answered.state() + (answered.reason() == null ? "" : ": " + answered.reason())
                    + (answered.slots().isEmpty() ? "" : " at " + answered.slots()));
            Dispatch d = repository.dispatch(answered.dispatchId()).orElseThrow();
            return ApiResponse.ok(item(answered, inbox.stateForSender(d, answered), scope));
        } catch (InboxRefused e) {
            throw RejectionCode.INBOX_REFUSED.reject(e.problems());
        }
    }

    private static Answer accept(JsonNode body) {
        List<Instant> slots = new ArrayList<>();
        JsonNode list = body.path("slots");
        if (!list.isMissingNode() && !list.isArray()) {
            throw RejectionCode.WRONG_TYPE.reject("slots", Expected.LIST);
        }
        list.forEach(n -> slots.add(parse("slots", n.asText())));
        return new Answer.Accept(slots);
    }

    private static Map<String, Object> dispatch(Dispatch d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("bulletinId", d.bulletinId());
        m.put("level", d.level().name());
        m.put("proposedAt", Json.utc(d.proposedAt()));
        m.put("proposedAtLocal", Json.local(d.proposedAt()));
        m.put("respondBy", Json.utc(d.respondBy()));
        m.put("respondByLocal", Json.local(d.respondBy()));
        m.put("windowMinutes", d.window() == null ? null : d.window().toMinutes());
        m.put("source", d.source().name());
        m.put("sentAt", Json.utc(d.sentAt()));
        return m;
    }

    private static Map<String, Object> item(InboxItem item, ItemState state, ScopeGuard.View scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.id());
        m.put("communeId", item.communeId());
        m.put("communeName", scope.tree().get(item.communeId()).map(Area::name).orElse("#" + item.communeId()));
        m.put("state", state.name());
        m.put("slots", item.slots().stream().map(Json::utc).toList());
        m.put("slotsLocal", item.slots().stream().map(Json::local).toList());
        m.put("reason", item.reason());
        m.put("answeredAt", Json.utc(item.answeredAt()));
        m.put("areaReview", item.areaReview());
        return m;
    }

    private static Instant instant(JsonNode body, String field, boolean required) {
        if (!body.hasNonNull(field)) {
            if (required) {
                throw RejectionCode.REQUIRED.reject(field);
            }
            return null;
        }
        return parse(field, body.get(field).asText());
    }

    /** An instant with an offset or Z, or a local date-time read in Vietnam. */
    private static Instant parse(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(Json.VIETNAM).toInstant();
            } catch (DateTimeParseException e2) {
                throw RejectionCode.NOT_A_DATE_TIME.reject(field, text);
            }
        }
    }
}
