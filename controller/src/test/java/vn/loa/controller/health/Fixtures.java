package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.loa.controller.support.ApiClient;

/** Areas and stations made through the API, as an operator would. */
public final class Fixtures {
    private Fixtures() {
    }

    public record StationRef(long id, String secret, List<Long> zoneIds) {
    }

    /** A commune under a new province (the tree's top must be a province). */
    public static long commune(ApiClient api, String name) {
        long province = area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        return area(api, name, "COMMUNE", province);
    }

    public static long area(ApiClient api, String name, String kind, Long parentId) {
        Map<String, Object> body = parentId == null ? Map.of("name", name, "kind", kind)
                : Map.of("name", name, "kind", kind, "parentId", parentId);
        ApiClient.Response r = api.post("/api/v1/areas", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    public static StationRef station(ApiClient api, String name, long areaId, List<Long> villageIds) {
        List<Map<String, Object>> zones = new ArrayList<>();
        for (int i = 0; i < villageIds.size(); i++) {
            zones.add(villageIds.get(i) == null ? Map.of("name", "Cụm " + (i + 1))
                    : Map.of("name", "Cụm " + (i + 1), "areaId", villageIds.get(i)));
        }
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId, "zones", zones));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<Long> zoneIds = new ArrayList<>();
        r.json().get("zones").forEach(n -> zoneIds.add(n.get("id").asLong()));
        return new StationRef(r.json().get("id").asLong(), r.json().get("secret").asText(), zoneIds);
    }

    public static StationRef station(ApiClient api, String name, long areaId, int zones) {
        List<Long> none = new ArrayList<>();
        for (int i = 0; i < zones; i++) {
            none.add(null);
        }
        return station(api, name, areaId, none);
    }

    /** The alarms of a station in a state, as the API lists them. */
    public static List<JsonNode> alarms(ApiClient api, long stationId, String state, String kind) {
        ApiClient.Response r = api.get("/api/v1/alarms?stationId=" + stationId
                + (state == null ? "" : "&state=" + state) + (kind == null ? "" : "&kind=" + kind));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }
}
