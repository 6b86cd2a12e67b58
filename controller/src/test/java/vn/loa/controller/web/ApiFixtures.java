package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.support.ApiClient;

/** Creating areas, stations and bulletins through the real API, asserting each step succeeded. */
public final class ApiFixtures {
    private ApiFixtures() {
    }

    public record StationRef(long id, String secret, List<Long> zoneIds) {
    }

    public record BulletinRef(long id, String sha256, long sizeBytes, long durationMs) {
    }

    public static long area(ApiClient api, String name, String kind, Long parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        ApiClient.Response r = api.post("/api/v1/areas", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    public static long province(ApiClient api) {
        return area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
    }

    public static StationRef station(ApiClient api, String name, long areaId, int zones) {
        List<Map<String, Object>> z = new ArrayList<>();
        for (int i = 1; i <= zones; i++) {
            z.add(Map.of("name", "Thôn " + i));
        }
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId, "zones", z));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<Long> zoneIds = new ArrayList<>();
        r.json().get("zones").forEach(n -> zoneIds.add(n.get("id").asLong()));
        return new StationRef(r.json().get("id").asLong(), r.json().get("secret").asText(), zoneIds);
    }

    public static BulletinRef uploadWav(ApiClient api, String title, byte[] wav) {
        ApiClient.Response r = api.upload("/api/v1/bulletins", title, "tin.wav", wav);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        return new BulletinRef(j.get("id").asLong(), j.get("sha256").asText(), j.get("sizeBytes").asLong(),
                j.get("durationMs").asLong());
    }

    /** A schedule body (title, NORMAL priority) with the given rule and empty target lists to fill in. */
    public static ObjectNode schedule(long bulletinId, ObjectNode rule) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", bulletinId).put("title", "Bản tin thử").put("priority", "NORMAL");
        ObjectNode targets = body.putObject("targets");
        targets.putArray("stationIds");
        targets.putArray("areaIds");
        targets.putArray("zoneIds");
        body.set("rule", rule);
        return body;
    }

    public static ObjectNode targets(ObjectNode schedule) {
        return (ObjectNode) schedule.get("targets");
    }
}
