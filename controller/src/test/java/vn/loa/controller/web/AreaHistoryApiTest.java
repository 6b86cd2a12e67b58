package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.health.Fixtures;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/** Area changes through the API: a merge, a split refused until every village is assigned, the tree of a day. */
@Tag("e2e")
@Timeout(60)
class AreaHistoryApiTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void mergeSplitAndTheTreeOfADay() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient api = controller.admin();
        long province = Fixtures.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long district = Fixtures.area(api, "Huyện Tràng Định", "DISTRICT", province);
        long a = Fixtures.area(api, "Xã Đội Cấn", "COMMUNE", district);
        long b = Fixtures.area(api, "Xã Kiên Mộc", "COMMUNE", district);
        long v1 = Fixtures.area(api, "Thôn Bản Chắt", "VILLAGE", b);
        long v2 = Fixtures.area(api, "Thôn Nà Thâm", "VILLAGE", b);
        Fixtures.StationRef station = Fixtures.station(api, "Đài xã Đội Cấn", a, 1);

        ApiClient.Response merged = api.post("/api/v1/areas/changes", Map.of("kind", "MERGE",
                "effective", "2025-07-01", "areaIds", List.of(a, b),
                "into", Map.of("name", "Xã Tràng Định", "code", "06200", "parentId", province)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        long successor = merged.json().get("successorIds").get(0).asLong();
        assertThat(api.get("/api/v1/stations/" + station.id()).json().get("areaId").asLong()).isEqualTo(successor);
        assertThat(ids(api.get("/api/v1/areas").json())).contains(successor, v1, v2).doesNotContain(a, b);
        assertThat(ids(api.get("/api/v1/areas/history?date=2025-06-30").json())).contains(a, b, v1).doesNotContain(successor);
        JsonNode resolved = api.get("/api/v1/areas/resolve?code=06200&date=2025-07-02").json();
        assertThat(resolved.get("areas").get(0).get("id").asLong()).isEqualTo(successor);

        ApiClient.Response refused = api.post("/api/v1/areas/changes", Map.of("kind", "SPLIT",
                "effective", "2025-07-02", "areaId", successor,
                "parts", List.of(Map.of("name", "Xã Bắc"), Map.of("name", "Xã Nam")),
                "assign", Map.of("areas", Map.of(String.valueOf(v1), 0))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("Thôn Nà Thâm").contains("Đài xã Đội Cấn").doesNotContain("Thôn Bản Chắt");
        ApiClient.Response split = api.post("/api/v1/areas/changes", Map.of("kind", "SPLIT",
                "effective", "2025-07-02", "areaId", successor,
                "parts", List.of(Map.of("name", "Xã Bắc"), Map.of("name", "Xã Nam")),
                "assign", Map.of("areas", Map.of(String.valueOf(v1), 0, String.valueOf(v2), 1),
                        "stations", Map.of(String.valueOf(station.id()), 1))));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        long south = split.json().get("successorIds").get(1).asLong();
        assertThat(api.get("/api/v1/stations/" + station.id()).json().get("areaId").asLong()).isEqualTo(south);
        assertThat(api.post("/api/v1/areas/changes", Map.of("kind", "RENAME", "effective", "2099-01-01",
                "areaId", south, "name", "X")).error()).contains("after today");
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }
}
