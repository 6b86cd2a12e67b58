package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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

/**
 * The remote-configuration routes without an agent (docs/configuration.md): validation by the agent's parser with
 * every error's line, and each refusal of a push through its code — errors, an operator, an offline station, an
 * unknown station. The push that reaches an agent is RemoteConfigurationTest's.
 */
@Tag("e2e")
@Timeout(60)
class StationConfigApiTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";
    private static final String GOOD = "amplifier.gpio = 17\nzone.4.gpio = 27\n";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void validatesWithLinesAndRefusesPushesItCannotSend() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient admin = controller.admin();
        long commune = Fixtures.commune(admin, "Xã Đội Cấn");
        long station = Fixtures.station(admin, "Đài xã Đội Cấn", commune, 1).id();

        ApiClient.Response v = admin.post("/api/v1/hardware-file/validate",
                Map.of("hardwareFile", "# tủ loa\nzone.4.gpio = 1\nzone.4.gainDb = loud\n"));
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        assertThat(v.json().path("valid").asBoolean()).isFalse();
        assertThat(v.json().path("errors").findValues("line")).extracting(JsonNode::asInt).containsExactlyInAnyOrder(2, 3, 0);
        ApiClient.Response ok = admin.post("/api/v1/hardware-file/validate", Map.of("hardwareFile", GOOD));
        assertThat(ok.json().path("valid").asBoolean()).as(ok.body()).isTrue();

        String push = "/api/v1/stations/" + station + "/hardware-file";
        ApiClient.Response bad = admin.post(push, Map.of("hardwareFile", "amplifier.gpio = 17\nzone.4.gpio = 99\n"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("HARDWARE_FILE_ERROR");
        assertThat(bad.json().path("params").path("line").asInt()).isEqualTo(2);

        assertThat(admin.post(push, Map.of()).json().path("code").asText()).isEqualTo("REQUIRED");
        ApiClient.Response offline = admin.post(push, Map.of("hardwareFile", GOOD));
        assertThat(offline.status()).as(offline.body()).isEqualTo(409);
        assertThat(offline.json().path("code").asText()).isEqualTo("STATION_OFFLINE");
        ApiClient.Response unknown = admin.post("/api/v1/stations/9999/hardware-file", Map.of("hardwareFile", GOOD));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);

        assertThat(admin.post("/api/v1/accounts", Map.of("username", "xa_doi_can", "password", PASSWORD,
                "role", "OPERATOR", "scopeAreaId", commune)).status()).isEqualTo(201);
        ApiClient operator = new ApiClient(controller.httpPort()).login("xa_doi_can", PASSWORD);
        ApiClient.Response forbidden = operator.post(push, Map.of("hardwareFile", GOOD));
        assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
        assertThat(forbidden.json().path("params").path("action").asText()).isEqualTo("CONFIGURE_STATIONS");

        ApiClient.Response history = admin.get("/api/v1/stations/" + station + "/config-history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json()).as("nothing was sent").isEmpty();
        assertThat(admin.get("/api/v1/config-pushes/1").status()).isEqualTo(404);
    }

    @Test
    void settingsAreValidatedWithLinesAndTheStationIdIsNeverPushed() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient admin = controller.admin();
        long commune = Fixtures.commune(admin, "Xã Kiên Mộc");
        long station = Fixtures.station(admin, "Đài xã Kiên Mộc", commune, 1).id();

        ApiClient.Response v = admin.post("/api/v1/station-settings/validate",
                Map.of("stationSettings", "controller = loa.example.vn:7070\nstation = 12\nsecret = s\n"));
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        assertThat(v.json().path("valid").asBoolean()).isFalse();
        assertThat(v.json().path("errors").findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 3);
        assertThat(v.json().path("errors").get(0).path("message").asText()).contains("station id cannot be pushed");
        ApiClient.Response ok = admin.post("/api/v1/station-settings/validate",
                Map.of("stationSettings", "controller = loa.example.vn:7070\ndataQuotaMiB = 3072\n"));
        assertThat(ok.json().path("valid").asBoolean()).as(ok.body()).isTrue();

        String push = "/api/v1/stations/" + station + "/settings";
        ApiClient.Response bad = admin.post(push, Map.of("stationSettings", "# đài\nholdMs = soon\n"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("SETTINGS_ERROR");
        assertThat(bad.json().path("params").path("line").asInt()).isEqualTo(2);
        ApiClient.Response range = admin.post(push, Map.of("stationSettings", "gpsd = localhost\n",
                "trialSeconds", 1));
        assertThat(range.json().path("code").asText()).as(range.body()).isEqualTo("OUT_OF_RANGE");
        ApiClient.Response offline = admin.post(push, Map.of("stationSettings", "gpsd = localhost\n"));
        assertThat(offline.status()).as(offline.body()).isEqualTo(409);
        assertThat(offline.json().path("code").asText()).isEqualTo("STATION_OFFLINE");
        assertThat(admin.get("/api/v1/stations/" + station + "/config-history").json()).as("nothing was sent").isEmpty();
    }
}
