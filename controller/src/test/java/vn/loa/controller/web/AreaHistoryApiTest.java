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
        ApiClient.Response tooFar = api.post("/api/v1/areas/changes", Map.of("kind", "RENAME", "effective", "2099-01-01",
                "areaId", south, "name", "X"));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().get("code").asText()).isEqualTo("TOO_FAR_AHEAD");
        // the body's own problems are coded, each naming its field (issue 15)
        ApiClient.Response malformed = api.post("/api/v1/areas/changes", Map.of("kind", "SPLIT", "effective", "2025-07-32",
                "areaId", south, "parts", List.of(Map.of("kind", "HAMLET"), "x"), "assign", Map.of("areas", 3)));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json().path("code").asText()).as(malformed.body()).isEqualTo("NOT_A_DATE");
        ApiClient.Response parts = api.post("/api/v1/areas/changes", Map.of("kind", "SPLIT", "effective", "2025-07-02",
                "areaId", south, "parts", List.of(Map.of("kind", "HAMLET"), "x"), "assign", Map.of("areas", 3)));
        assertThat(parts.json().get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("params").get("field").asText())
                .containsExactly("REQUIRED parts[0].name", "NOT_ONE_OF parts[0].kind", "WRONG_TYPE parts[1]",
                        "WRONG_TYPE assign.areas");
    }

    @Test
    void aChangeDatedInTheFutureIsKeptPendingPreviewedListedAndCancelled() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient api = controller.admin();
        long province = Fixtures.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long a = Fixtures.area(api, "Xã Hoàng Đồng", "COMMUNE", province);
        long b = Fixtures.area(api, "Phường Tam Thanh", "COMMUNE", province);
        Fixtures.StationRef station = Fixtures.station(api, "Đài xã Hoàng Đồng", a, 1);
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
        Map<String, Object> merge = Map.of("kind", "MERGE", "effective", tomorrow, "areaIds", List.of(a),
                "into", Map.of("areaId", b)); // Hoàng Đồng joins Tam Thanh

        ApiClient.Response previewed = api.post("/api/v1/areas/changes/preview", merge);
        assertThat(previewed.status()).as(previewed.body()).isEqualTo(200);
        JsonNode preview = previewed.json();
        assertThat(preview.get("ended").findValuesAsText("name")).containsExactly("Xã Hoàng Đồng");
        assertThat(preview.get("stations").get(0).get("name").asText()).isEqualTo("Đài xã Hoàng Đồng");
        assertThat(preview.get("stations").get(0).get("toAreaId").asLong()).isEqualTo(b);

        ApiClient.Response kept = api.post("/api/v1/areas/changes", merge);
        assertThat(kept.status()).as(kept.body()).isEqualTo(202);
        assertThat(kept.json().get("state").asText()).isEqualTo("PENDING");
        assertThat(kept.json().get("takesEffectAt").asText()).isEqualTo(tomorrow + "T00:00:00+07:00");
        long pendingId = kept.json().get("pendingId").asLong();
        // nothing changed yet: the station is still in Hoàng Đồng, which still exists
        assertThat(api.get("/api/v1/stations/" + station.id()).json().get("areaId").asLong()).isEqualTo(a);
        assertThat(ids(api.get("/api/v1/areas").json())).contains(a, b);
        JsonNode listed = api.get("/api/v1/areas/changes/pending").json();
        assertThat(listed.get(0).get("pendingId").asLong()).isEqualTo(pendingId);
        assertThat(listed.get(0).get("change").get("areaIds").get(0).asLong()).isEqualTo(a);
        assertThat(listed.get(0).get("change").get("into").get("areaId").asLong()).isEqualTo(b);

        ApiClient.Response cancelled = api.post("/api/v1/areas/changes/pending/" + pendingId + "/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
        ApiClient.Response again = api.post("/api/v1/areas/changes/pending/" + pendingId + "/cancel", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("AREA_CHANGE_NOT_PENDING");
        assertThat(api.post("/api/v1/areas/changes/pending/999999/cancel", Map.of()).json().get("code").asText())
                .isEqualTo("NOT_FOUND");
        ApiClient.Response refused = api.post("/api/v1/areas/changes", Map.of("kind", "RETIRE", "effective", tomorrow,
                "areaId", a));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("AREA_CHANGE_REFUSED");
        assertThat(refused.error()).contains("Đài xã Hoàng Đồng");
        assertThat(api.get("/api/v1/areas/history?date=07/12/2026").json().get("code").asText()).isEqualTo("NOT_A_DATE");
        assertThat(api.get("/api/v1/areas/resolve").json().get("code").asText()).isEqualTo("REQUIRED");
        assertThat(api.post("/api/v1/areas/changes", Map.of("kind", "REBUILD", "effective", tomorrow)).json()
                .get("code").asText()).isEqualTo("NOT_ONE_OF");
        // a new commune dated tomorrow waits for its day too
        ApiClient.Response created = api.post("/api/v1/areas/changes", Map.of("kind", "CREATE", "effective", tomorrow,
                "parentId", province, "name", "Xã Thụy Hùng", "areaKind", "COMMUNE", "code", "06300"));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.json().get("preview").get("created").get(0).get("name").asText()).isEqualTo("Xã Thụy Hùng");
        assertThat(api.get("/api/v1/areas").json().findValuesAsText("name")).doesNotContain("Xã Thụy Hùng");
        // one dated today is made at once
        ApiClient.Response today = api.post("/api/v1/areas/changes", Map.of("kind", "CREATE",
                "effective", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString(),
                "parentId", province, "name", "Xã Gia Cát", "areaKind", "COMMUNE"));
        assertThat(today.status()).as(today.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/areas").json().findValuesAsText("name")).contains("Xã Gia Cát");
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }
}
