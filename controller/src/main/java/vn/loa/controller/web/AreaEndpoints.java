package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;

/** The area tree, flat (each area names its parent). */
public final class AreaEndpoints {
    private final AreaRepository areas;

    public AreaEndpoints(AreaRepository areas) {
        this.areas = areas;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/areas", this::list);
        router.add(HttpMethod.POST, "/api/v1/areas", this::create);
    }

    private ApiResponse create(ApiRequest request) {
        if (request.account().role() != vn.loa.controller.account.Role.ADMIN) {
            throw ApiException.forbidden("only an admin may change the area tree");
        }
        JsonNode body = request.jsonBody();
        List<String> errors = new ArrayList<>();
        String name = Json.text(body, "name", 200, errors);
        String kindText = Json.text(body, "kind", 20, errors);
        AreaKind kind = null;
        if (kindText != null) {
            try {
                kind = AreaKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("kind: '" + kindText + "' is not one of PROVINCE, DISTRICT, COMMUNE, VILLAGE");
            }
        }
        Long parentId = body.hasNonNull("parentId") ? Json.id(body, "parentId", errors) : null;
        Json.failIfAny(errors);
        AreaTree tree = new AreaTree(areas.findAll());
        if (parentId != null && !tree.contains(parentId)) {
            throw ApiException.badRequest("parentId: area " + parentId + " does not exist");
        }
        if (parentId == null && kind != AreaKind.PROVINCE) {
            throw ApiException.badRequest("parentId: only a province may be at the top of the tree");
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

    private ApiResponse list(ApiRequest request) {
        List<Map<String, Object>> out = areas.findAll().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("parentId", a.parentId());
            m.put("name", a.name());
            m.put("kind", a.kind().name());
            m.put("code", a.code());
            m.put("latitude", a.latitude());
            m.put("longitude", a.longitude());
            return m;
        }).toList();
        return ApiResponse.ok(out);
    }
}
