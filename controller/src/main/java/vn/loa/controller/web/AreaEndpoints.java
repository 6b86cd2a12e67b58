package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** The area tree, flat (each area names its parent). */
public final class AreaEndpoints {
    private static final List<String> AREA_KINDS = List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE");
    private final AreaRepository areas;
    private final ScopeGuard scopes;
    private final vn.loa.controller.approval.ApprovalRepository approvals;

    public AreaEndpoints(AreaRepository areas, ScopeGuard scopes, vn.loa.controller.approval.ApprovalRepository approvals) {
        this.areas = areas;
        this.scopes = scopes;
        this.approvals = approvals;
    }

    public void register(Router router) {
        router.visibility(vn.loa.controller.rejection.ObjectKind.AREA, (caller, id) -> {
            ScopeGuard.View scope = scopes.of(caller);
            return scope.tree().contains(id) && scope.areaVisible(id);
        });
        router.add(HttpMethod.GET, "/api/v1/areas", this::list);
        router.add(HttpMethod.POST, "/api/v1/areas", this::create);
        router.add(HttpMethod.PATCH, "/api/v1/areas/{id}", this::patch);
    }

    private ApiResponse create(ApiRequest request) {
        if (request.account().role() != vn.loa.controller.account.Role.ADMIN) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN, vn.loa.controller.rejection.Action.CHANGE_AREAS);
        }
        JsonNode body = request.jsonBody();
        Problems errors = new Problems();
        String name = Json.text(body, "name", 200, errors);
        String kindText = Json.text(body, "kind", 20, errors);
        AreaKind kind = null;
        if (kindText != null) {
            try {
                kind = AreaKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(RejectionCode.NOT_ONE_OF, "kind", kindText, AREA_KINDS);
            }
        }
        Long parentId = body.hasNonNull("parentId") ? Json.id(body, "parentId", errors) : null;
        errors.throwIfAny();
        AreaTree tree = new AreaTree(areas.findAll());
        if (parentId != null && !tree.contains(parentId)) {
            throw RejectionCode.DOES_NOT_EXIST.reject("parentId", vn.loa.controller.rejection.ObjectKind.AREA, parentId);
        }
        if (parentId == null && kind != AreaKind.PROVINCE) {
            throw vn.loa.controller.rejection.RejectionCode.ONLY_PROVINCE_AT_TOP.reject();
        }
        String code = body.hasNonNull("code") ? body.get("code").asText() : null;
        long id = areas.insert(parentId, name, kind, code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("parentId", parentId);
        out.put("name", name);
        out.put("kind", kind.name());
        out.put("code", code);
        return ApiResponse.created(out);
    }

    /** {"requiresApproval": true|false} (admin). */
    private ApiResponse patch(ApiRequest request) {
        if (request.account().role() != vn.loa.controller.account.Role.ADMIN) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN, vn.loa.controller.rejection.Action.CHANGE_AREAS);
        }
        long id = request.pathId("id");
        JsonNode body = request.jsonBody();
        JsonNode ra = body.get("requiresApproval");
        if (ra == null || !ra.isBoolean()) {
            throw RejectionCode.WRONG_TYPE.reject("requiresApproval", vn.loa.controller.rejection.Expected.BOOLEAN);
        }
        if (!approvals.setRequiresApproval(id, ra.asBoolean())) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.AREA, id);
        }
        request.audit("area " + id, "requiresApproval=" + ra.asBoolean());
        Set<Long> requiring = approvals.areasRequiringApproval();
        return ApiResponse.ok(areas.findAll().stream().filter(a -> a.id() == id).map(a -> view(a, requiring))
                .findFirst().orElseThrow());
    }

    private ApiResponse list(ApiRequest request) {
        ScopeGuard.View scope = scopes.of(request.account());
        Set<Long> requiring = approvals.areasRequiringApproval();
        return ApiResponse.ok(areas.findAll().stream().filter(a -> scope.areaVisible(a.id()))
                .map(a -> view(a, requiring)).toList());
    }

    private static Map<String, Object> view(vn.loa.controller.area.Area a, Set<Long> requiring) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("parentId", a.parentId());
        m.put("name", a.name());
        m.put("kind", a.kind().name());
        m.put("code", a.code());
        m.put("latitude", a.latitude());
        m.put("longitude", a.longitude());
        m.put("requiresApproval", requiring.contains(a.id()));
        return m;
    }
}
