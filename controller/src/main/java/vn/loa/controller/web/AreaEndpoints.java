package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.area.AreaRepository;

/** The area tree, flat (each area names its parent). */
public final class AreaEndpoints {
    private final AreaRepository areas;

    public AreaEndpoints(AreaRepository areas) {
        this.areas = areas;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/areas", this::list);
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
