package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/** The as-run log, filtered by station, schedule, planned time, announcement and CAP identifier. */
public final class PlayEndpoints {
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 10_000;

    private final PlayRepository plays;
    private final ScopeGuard scopes;
    /** CAP identifier → the announcements that aired it (newest first). */
    private final java.util.function.Function<String, List<Long>> capAnnouncements;

    public PlayEndpoints(PlayRepository plays, ScopeGuard scopes) {
        this(plays, scopes, identifier -> List.of());
    }

    public PlayEndpoints(PlayRepository plays, ScopeGuard scopes,
            java.util.function.Function<String, List<Long>> capAnnouncements) {
        this.plays = plays;
        this.scopes = scopes;
        this.capAnnouncements = capAnnouncements;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/plays", this::list);
    }

    private ApiResponse list(ApiRequest r) {
        Long limit = r.queryLong("limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RejectionCode.OUT_OF_RANGE.reject("limit", 1, MAX_LIMIT);
        }
        var filter = new PlayRepository.Filter(r.queryLong("stationId"), r.queryLong("scheduleId"),
                instant(r, "from"), instant(r, "to"), limit == null ? DEFAULT_LIMIT : limit.intValue(),
                r.queryLong("announcementId"), language(r));
        String capIdentifier = r.queryParam("capIdentifier");
        if (capIdentifier != null) {
            // the plays of the announcements that aired this CAP alert (usually one)
            List<PlayRecord> out = new java.util.ArrayList<>();
            for (long announcement : capAnnouncements.apply(capIdentifier)) {
                if (filter.broadcastId() == null || filter.broadcastId() == announcement) {
                    out.addAll(visible(new PlayRepository.Filter(filter.stationId(), filter.scheduleId(), filter.from(),
                            filter.to(), filter.limit(), announcement, filter.language()), r));
                }
            }
            return ApiResponse.ok(out.stream().limit(filter.limit()).map(PlayEndpoints::view).toList());
        }
        return ApiResponse.ok(visible(filter, r).stream().map(PlayEndpoints::view).toList());
    }

    /** The plays the filter selects that the caller may see, newest planned first. */
    private List<PlayRecord> visible(PlayRepository.Filter filter, ApiRequest r) {
        java.util.Set<Long> visible = scopes.of(r.account()).visibleStationIds();
        if (visible == null) {
            return plays.find(filter);
        }
        // a scoped caller: the same query station by station inside the scope, merged newest planned first
        List<PlayRecord> merged = new java.util.ArrayList<>();
        for (long stationId : visible) {
            if (filter.stationId() == null || filter.stationId() == stationId) {
                merged.addAll(plays.find(new PlayRepository.Filter(stationId, filter.scheduleId(), filter.from(),
                        filter.to(), filter.limit(), filter.broadcastId(), filter.language())));
            }
        }
        merged.sort(java.util.Comparator.comparing(PlayRecord::plannedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(PlayRecord::startedAt, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(PlayRecord::stationId));
        return merged.stream().limit(filter.limit()).toList();
    }

    /** The {@code language} filter: a code from the documented list, or none. */
    private static String language(ApiRequest r) {
        String v = r.queryParam("language");
        if (v == null || v.isBlank()) {
            return null;
        }
        return vn.loa.controller.bulletin.BulletinLanguage.of(v).map(vn.loa.controller.bulletin.BulletinLanguage::code)
                .orElseThrow(() -> unsupportedLanguage("language", v));
    }

    /** A language code the controller does not know, with the ones it does. */
    static Rejection unsupportedLanguage(String field, String value) {
        return RejectionCode.LANGUAGE_UNSUPPORTED.reject(field, value,
                vn.loa.controller.bulletin.BulletinLanguage.ALL.stream()
                        .map(vn.loa.controller.bulletin.BulletinLanguage::code).toList());
    }

    /** Accepts an instant (…Z), an offset date-time (…+07:00) or a date (midnight in Vietnam). */
    static Instant instant(ApiRequest r, String name) {
        String v = r.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(Json.VIETNAM).toInstant();
            } catch (DateTimeParseException e2) {
                throw RejectionCode.NOT_A_DATE_TIME.reject(name, v);
            }
        }
    }

    static Map<String, Object> view(PlayRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reportId", p.reportId());
        m.put("stationId", p.stationId());
        m.put("scheduleId", p.scheduleId());
        m.put("bulletinId", p.bulletinId());
        m.put("announcementId", p.broadcastId());
        m.put("itemId", p.itemId());
        m.put("zoneIds", p.zoneIds());
        m.put("priority", p.priority());
        m.put("plannedAt", Json.utc(p.plannedAt()));
        m.put("startedAt", Json.utc(p.startedAt()));
        m.put("endedAt", Json.utc(p.endedAt()));
        m.put("outcome", p.outcome());
        m.put("reason", p.reason() == null || p.reason().isEmpty() ? null : p.reason());
        m.put("language", p.language());
        m.put("languageName", p.language() == null ? null : vn.loa.controller.bulletin.BulletinLanguage.of(p.language())
                .map(vn.loa.controller.bulletin.BulletinLanguage::vietnamese).orElse(p.language()));
        m.put("peakDbfs", p.peakDbfs());
        m.put("rmsDbfs", p.rmsDbfs());
        return m;
    }
}
