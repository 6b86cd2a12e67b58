package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** POST /api/v1/stations: every refusal names the field; a station is created with its zones and secret. */
@Tag("e2e")
@Timeout(60)
class StationApiTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient api;
    static long commune;
    static long village;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
        long province = ApiFixtures.province(api);
        commune = ApiFixtures.area(api, "Xã Đội Cấn", "COMMUNE", province);
        village = ApiFixtures.area(api, "Thôn Bản Lải", "VILLAGE", commune);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    private static int stationCount() {
        return api.get("/api/v1/stations").json().size();
    }

    private static void assertRefused(Object body, String... fragments) {
        int before = stationCount();
        ApiClient.Response r = api.post("/api/v1/stations", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).contains(fragments);
        assertThat(stationCount()).as("stations after a refusal").isEqualTo(before);
    }

    @Test
    void missingNameIsRefused() {
        assertRefused(Map.of("areaId", commune, "zones", List.of()), "name: required");
        assertRefused(Map.of("name", "   ", "areaId", commune), "name: required");
        assertRefused(Map.of("name", 12, "areaId", commune), "name: required");
    }

    @Test
    void missingOrMalformedAreaIdIsRefused() {
        assertRefused(Map.of("name", "Đài xã"), "areaId: required");
        assertRefused(Map.of("name", "Đài xã", "areaId", "abc"), "areaId: must be an id");
        assertRefused(Map.of("name", "Đài xã", "areaId", -4), "areaId: must be an id (a positive whole number)");
    }

    @Test
    void unknownAreaIdIsRefused() {
        assertRefused(Map.of("name", "Đài xã", "areaId", 999_999), "areaId: area 999999 does not exist");
    }

    @Test
    void zonesThatAreNotAListAreRefused() {
        assertRefused(Map.of("name", "Đài xã", "areaId", commune, "zones", "Thôn 1"), "zones: must be a list");
        assertRefused(Map.of("name", "Đài xã", "areaId", commune, "zones", Map.of("name", "Thôn 1")),
                "zones: must be a list");
    }

    @Test
    void aZoneWithoutNameIsRefused() {
        assertRefused(Map.of("name", "Đài xã", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1"), Map.of("areaId", village))), "zones[1].name: required");
        assertRefused(Map.of("name", "Đài xã", "areaId", commune, "zones", List.of("Thôn 1")),
                "zones[0]: must be an object");
    }

    @Test
    void aZoneServingAnUnknownVillageIsRefused() {
        assertRefused(Map.of("name", "Đài xã", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1", "areaId", 999_998))), "zones", "area 999998 does not exist");
    }

    @Test
    void severalProblemsAreReportedTogether() {
        assertRefused(Map.of("zones", List.of(Map.of("areaId", village))), "name: required", "areaId: required",
                "zones[0].name: required");
        // each one coded with the field it names (issue 15: the console renders them in Vietnamese)
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("zones", List.of(Map.of("areaId", village), "x")));
        assertThat(r.json().get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("params").get("field").asText())
                .containsExactly("REQUIRED name", "REQUIRED areaId", "REQUIRED zones[0].name", "WRONG_TYPE zones[1]");
        ApiClient.Response unknown = api.post("/api/v1/stations", Map.of("name", "Đài xã", "areaId", 999_999));
        assertThat(unknown.json().get("code").asText()).isEqualTo("DOES_NOT_EXIST");
        assertThat(unknown.json().get("params").get("kind").asText()).isEqualTo("AREA");
    }

    @Test
    void aValidStationIsCreatedWithIdSecretAndZoneIds() {
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", "Đài xã Đội Cấn", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1"), Map.of("name", "Bản Lải", "areaId", village))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode s = r.json();
        long id = s.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(s.get("secret").asText()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(s.get("name").asText()).isEqualTo("Đài xã Đội Cấn");
        assertThat(s.get("areaId").asLong()).isEqualTo(commune);
        assertThat(s.get("online").asBoolean()).isFalse();
        assertThat(s.get("zones")).hasSize(2);
        assertThat(s.get("zones").get(0).get("id").asLong()).isPositive();
        assertThat(s.get("zones").get(0).get("name").asText()).isEqualTo("Thôn 1");
        assertThat(s.get("zones").get(0).get("areaId").isNull()).isTrue();
        assertThat(s.get("zones").get(1).get("areaId").asLong()).isEqualTo(village);
        assertThat(s.get("zones").get(1).get("id").asLong()).isNotEqualTo(s.get("zones").get(0).get("id").asLong());
        assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/v1/stations/" + id);

        ApiClient.Response one = api.get("/api/v1/stations/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("secret")).as("the secret is shown only once").isFalse();
        assertThat(one.json().get("zones")).hasSize(2);
        assertThat(one.json().get("plannedItems").asInt()).isZero();
        assertThat(api.get("/api/v1/stations").json()).anySatisfy(n -> assertThat(n.get("id").asLong()).isEqualTo(id));
    }

    @Test
    void twoStationsGetDifferentSecrets() {
        ApiClient.Response a = api.post("/api/v1/stations", Map.of("name", "A", "areaId", commune));
        ApiClient.Response b = api.post("/api/v1/stations", Map.of("name", "B", "areaId", commune));
        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.json().get("zones")).isEmpty();
        assertThat(a.json().get("secret").asText()).isNotEqualTo(b.json().get("secret").asText());
    }
}
