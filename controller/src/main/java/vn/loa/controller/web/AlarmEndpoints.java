package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.alarm.AlarmState;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * {@code GET /api/v1/alarms?state=&stationId=&kind=&from=&to=&limit=}, {@code GET /api/v1/alarms/{id}} (with
 * its history) and {@code POST /api/v1/alarms/{id}/ack} {"note": …} (technicians and admins).
 */
public final class AlarmEndpoints {
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 10_000;

    private final AlarmService alarms;
    private final AlarmRepository repository;
    private final ScopeGuard scopes;

    public AlarmEndpoints(AlarmService alarms, AlarmRepository repository, ScopeGuard scopes) {
        this.scopes = scopes;
        this.alarms = alarms;
        this.repository = repository;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/alarms", this::list);
        router.add(HttpMethod.GET, "/api/v1/alarms/{id}", this::one);
        router.add(HttpMethod.POST, "/api/v1/alarms/{id}/ack", this::acknowledge);
    }

    private ApiResponse list(ApiRequest r) {
        Long limit = r.queryLong("limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RejectionCode.OUT_OF_RANGE.reject("limit", 1, MAX_LIMIT);
        }
        var filter = new AlarmRepository.Filter(enumParam(r, "state", AlarmState.class), r.queryLong("stationId"),
                enumParam(r, "kind", AlarmKind.class), PlayEndpoints.instant(r, "from"), PlayEndpoints.instant(r, "to"),
                limit == null ? DEFAULT_LIMIT : limit.intValue());
        java.util.Set<Long> visible = scopes.of(r.account()).visibleStationIds();
        if (visible == null) {
            return ApiResponse.ok(repository.find(filter).stream().map(AlarmEndpoints::view).toList());
        }
        // a scoped caller: the same query station by station inside the scope, merged newest first
        List<Alarm> merged = new java.util.ArrayList<>();
        for (long stationId : visible) {
            if (filter.stationId() == null || filter.stationId() == stationId) {
                merged.addAll(repository.find(new AlarmRepository.Filter(filter.state(), stationId, filter.kind(),
                        filter.from(), filter.to(), filter.limit())));
            }
        }
        merged.sort(java.util.Comparator.comparing(Alarm::raisedAt).thenComparing(Alarm::id).reversed());
        return ApiResponse.ok(merged.stream().limit(filter.limit()).map(AlarmEndpoints::view).toList());
    }

    private ApiResponse one(ApiRequest r) {
        long id = r.pathId("id");
        Alarm a = repository.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.ALARM, id));
        if (!scopes.of(r.account()).stationVisible(a.stationId())) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.ALARM, id);
        }
        Map<String, Object> m = view(a);
        m.put("history", repository.events(id).stream().map(e -> {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("at", e.at().toString());
            em.put("event", e.kind());
            em.put("by", e.actor());
            em.put("detail", e.detail());
            return em;
        }).toList());
        return ApiResponse.ok(m);
    }

    private ApiResponse acknowledge(ApiRequest r) {
        if (!r.account().role().mayManageStations()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, Action.ACKNOWLEDGE_ALARMS);
        }
        long id = r.pathId("id");
        var existing = repository.find(id);
        if (existing.isEmpty() || !scopes.of(r.account()).stationVisible(existing.get().stationId())) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.ALARM, id);
        }
        String note = null;
        if (r.http().content().readableBytes() > 0) {
            JsonNode body = r.jsonBody();
            JsonNode n = body.get("note");
            if (n != null && !n.isNull()) {
                if (!n.isTextual() || n.asText().length() > 500) {
                    throw RejectionCode.TOO_LONG.reject("note", 500);
                }
                note = n.asText().strip();
            }
        }
        Alarm a = alarms.acknowledge(id, r.account().username(), note)
                .orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.ALARM, id));
        return ApiResponse.ok(view(a));
    }

    private static <E extends Enum<E>> E enumParam(ApiRequest r, String name, Class<E> type) {
        String v = r.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw RejectionCode.NOT_ONE_OF.reject(name, v, List.of(type.getEnumConstants()));
        }
    }

    public static Map<String, Object> view(Alarm a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("stationId", a.stationId());
        m.put("kind", a.kind().name());
        m.put("title", a.kind().vietnamese() + " / " + a.kind().english());
        m.put("titleVi", a.kind().vietnamese());
        m.put("titleEn", a.kind().english());
        m.put("subject", a.subject().isEmpty() ? null : a.subject());
        m.put("state", a.state().name());
        m.put("conditionActive", a.conditionActive());
        m.put("detail", a.detail());
        m.put("raisedAt", Json.utc(a.raisedAt()));
        m.put("conditionEndedAt", Json.utc(a.conditionEndedAt()));
        m.put("acknowledgedAt", Json.utc(a.acknowledgedAt()));
        m.put("acknowledgedBy", a.acknowledgedBy());
        m.put("ackNote", a.ackNote());
        m.put("clearedAt", Json.utc(a.clearedAt()));
        m.put("occurrences", a.occurrences());
        return m;
    }
}
