package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.change.AreaChangeRefused;
import vn.loa.controller.area.change.AreaChangeResult;
import vn.loa.controller.area.change.AreaChangeService;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.storage.Jdbc;

/**
 * Areas through time: the tree as it was on a day, what a GSO code meant on a day, the import of an official
 * unit list, and the schedules and relays a change flagged for review (docs/areas.md); the changes themselves
 * are {@link AreaChangeEndpoints}'.
 */
public final class AreaHistoryEndpoints {
    private final AreaRepository areas;
    private final AreaChangeService changes;
    private final PlanService plans;
    private final ScopeGuard scopes;
    private final Jdbc jdbc;
    private final Clock clock;

    public AreaHistoryEndpoints(AreaRepository areas, AreaChangeService changes, PlanService plans, ScopeGuard scopes,
            Jdbc jdbc, Clock clock) {
        this.areas = areas;
        this.changes = changes;
        this.plans = plans;
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/areas/history", this::treeAt);
        router.add(HttpMethod.GET, "/api/v1/areas/resolve", this::resolve);
        router.add(HttpMethod.GET, "/api/v1/areas/review", this::review);
        router.add(HttpMethod.POST, "/api/v1/areas/import", this::importUnits);
    }

    /** {@code ?effective=YYYY-MM-DD}, body: CSV {@code code,name,kind,parent_code} with a header line (admin). */
    private ApiResponse importUnits(ApiRequest request) {
        if (request.account().role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.CHANGE_AREAS);
        }
        String csv = request.http().content().toString(java.nio.charset.StandardCharsets.UTF_8);
        if (csv.isBlank()) {
            throw RejectionCode.REQUIRED.reject("body (the unit list as CSV: code,name,kind,parent_code)");
        }
        String effective = request.queryParam("effective");
        LocalDate day;
        try {
            day = effective == null ? null : LocalDate.parse(effective);
        } catch (DateTimeParseException e) {
            throw RejectionCode.NOT_A_DATE.reject("effective", effective);
        }
        AreaChangeService.Imported imported;
        try {
            imported = changes.importUnits(csv, day, request.account().id());
        } catch (AreaChangeRefused e) {
            throw RejectionCode.AREA_CHANGE_REFUSED.reject(e.problems());
        }
        plans.markAllDirty();
        request.audit("area import", "effective " + day + ": " + imported.created().size() + " created, "
                + imported.changes().size() + " renamed or moved");
        return ApiResponse.ok(Map.of("created", imported.created(), "changes",
                imported.changes().stream().map(AreaChangeResult::changeId).toList()));
    }

    /** {@code ?date=YYYY-MM-DD}: the areas of that day, as they were (a scoped account sees its part). */
    private ApiResponse treeAt(ApiRequest request) {
        LocalDate day = day(request);
        AreaHistory history = areas.history();
        ScopeGuard.View scope = scopes.of(request.account());
        LocalDate today = LocalDate.now(clock.withZone(Json.VIETNAM));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Area a : history.treeAt(day).all()) {
            boolean visible = scope.areaVisible(a.id())
                    || history.successorsAt(a.id(), today).stream().anyMatch(scope::areaVisible);
            if (visible) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.id());
                m.put("parentId", a.parentId());
                m.put("name", a.name());
                m.put("kind", a.kind().name());
                m.put("code", a.code());
                var life = history.lifespan(a.id());
                m.put("validFrom", life.from() == null ? null : life.from().toString());
                m.put("validTo", life.to() == null ? null : life.to().toString());
                m.put("successorIds", life.to() == null ? List.of() : history.successorsAt(a.id(), today));
                out.add(m);
            }
        }
        out.sort(java.util.Comparator.comparing(m -> (Long) m.get("id")));
        return ApiResponse.ok(out);
    }

    /** {@code ?code=05977&date=YYYY-MM-DD}: the unit(s) that GSO code meant that day. */
    private ApiResponse resolve(ApiRequest request) {
        String code = request.queryParam("code");
        if (code == null) {
            throw RejectionCode.REQUIRED.reject("code");
        }
        LocalDate day = day(request);
        AreaHistory history = areas.history();
        List<Map<String, Object>> out = new ArrayList<>();
        for (long id : history.resolveCode(code, day)) {
            history.at(id, day).ifPresent(a -> out.add(Map.of("id", a.id(), "name", a.name(),
                    "code", a.code() == null ? "" : a.code())));
        }
        return ApiResponse.ok(Map.of("code", code, "date", day.toString(), "areas", out));
    }

    /** The schedules and relays an area change pinned and flagged, with why. */
    private ApiResponse review(ApiRequest request) {
        if (request.account().role() != Role.ADMIN && request.account().role() != Role.OPERATOR) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.REVIEW);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String table : List.of("schedule", "relay")) {
            out.addAll(jdbc.query("SELECT id, title, area_review FROM " + table
                    + " WHERE area_review IS NOT NULL AND deleted_at IS NULL ORDER BY id", rs -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("kind", table);
                        m.put("id", rs.getLong("id"));
                        m.put("title", rs.getString("title"));
                        m.put("note", rs.getString("area_review"));
                        return m;
                    }));
        }
        return ApiResponse.ok(out);
    }

    private LocalDate day(ApiRequest request) {
        String text = request.queryParam("date");
        if (text == null) {
            return LocalDate.now(clock.withZone(Json.VIETNAM));
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw RejectionCode.NOT_A_DATE.reject("date", text);
        }
    }
}
