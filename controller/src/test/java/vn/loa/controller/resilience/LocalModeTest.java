package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.SensorReadings;

/**
 * The local-mode switch set during a scheduled play: the station releases its zones and amplifier within 1 s,
 * plays nothing while the switch is set, and the interrupted play is in the as-run log; released, the station
 * plays its next item again.
 */
@Tag("e2e")
@Timeout(90)
class LocalModeTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void theLocalModeSwitchReleasesTheStationMidPlayAndIsInTheAsRunLog() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Yên Bái", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Mù Cang Chải", province);
        TestAgent agent = running.keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());

        long bulletin = Fixture.bulletin(api, "Bản tin dài", "dai.wav", Fixture.wav(16_000, 8.0, 440));
        Instant planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        Fixture.scheduleOnce(api, bulletin, planned, List.of(s.id()));
        await("the bulletin playing").atMost(Duration.ofSeconds(20))
                .until(() -> !agent.devices().zones().activeZones().isEmpty() && agent.devices().amplifier().isPowered());

        agent.devices().sensors().set(new SensorReadings(false, true, false, true)); // the switch, mid-play
        await("zones and amplifier released").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> agent.devices().zones().activeZones().isEmpty() && !agent.devices().amplifier().isPowered());
        assertThat(agent.agent().localMode()).isTrue();
        await("the console's station shows local mode (the switch)").atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/v1/stations/" + s.id()).json().path("localMode").asBoolean());

        await("the interrupted play in the as-run log").atMost(Duration.ofSeconds(15)).until(() ->
                Fixture.plays(api, "?stationId=" + s.id()).stream().anyMatch(LocalModeTest::preemptedByLocalMode));
        await("nothing plays while the switch is set").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> agent.devices().zones().activeZones().isEmpty());
        ApiClient.Response off = api.post("/api/v1/stations/" + s.id() + "/commands", Map.of("type", "SET_LOCAL_MODE", "on", false));
        assertThat(off.status()).as(off.body()).isEqualTo(202);
        await("'off' from the console cannot override the switch").atMost(Duration.ofSeconds(5)).until(() ->
                "FAILED".equals(api.get("/api/v1/commands/" + off.json().get("id").asLong()).json().path("state").asText()));
        assertThat(agent.agent().localMode()).isTrue();

        agent.devices().sensors().set(SensorReadings.NOMINAL);
        long second = Fixture.bulletin(api, "Bản tin ngắn", "ngan.wav", Fixture.wav(16_000, 1.0, 660));
        Instant next = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Fixture.scheduleOnce(api, second, next, List.of(s.id()));
        await("the next item played after local mode").atMost(Duration.ofSeconds(30)).until(() ->
                Fixture.plays(api, "?stationId=" + s.id()).stream().anyMatch(p -> "PLAYED".equals(p.get("outcome").asText())
                        && p.get("bulletinId").asLong() == second));
    }

    @Test
    void aTechniciansCommandPutsTheStationInLocalModeMidPlayAndTheConsoleAndAsRunLogShowIt() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lai Châu", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Sìn Hồ", "COMMUNE", province);
        long other = Fixture.area(api, "Xã Phong Thổ", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Sìn Hồ", commune);
        TestAgent agent = running.keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());
        ApiClient technician = account(api, controller, "ky.thuat", "TECHNICIAN", commune);
        ApiClient outsider = account(api, controller, "ky.thuat.khac", "TECHNICIAN", other);
        ApiClient operator = account(api, controller, "van.hanh", "OPERATOR", commune);
        assertThat(operator.post("/api/v1/stations/" + s.id() + "/commands", Map.of("type", "SET_LOCAL_MODE", "on", true))
                .status()).isEqualTo(403);
        assertThat(outsider.post("/api/v1/stations/" + s.id() + "/commands", Map.of("type", "SET_LOCAL_MODE", "on", true))
                .status()).isEqualTo(404);
        ApiClient.Response bad = technician.post("/api/v1/stations/" + s.id() + "/commands", Map.of("type", "SET_LOCAL_MODE"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("on: required");

        long bulletin = Fixture.bulletin(api, "Bản tin dài", "dai.wav", Fixture.wav(16_000, 8.0, 440));
        Instant planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        Fixture.scheduleOnce(api, bulletin, planned, List.of(s.id()));
        await("the bulletin playing").atMost(Duration.ofSeconds(20))
                .until(() -> !agent.devices().zones().activeZones().isEmpty() && agent.devices().amplifier().isPowered());

        ApiClient.Response on = technician.post("/api/v1/stations/" + s.id() + "/commands",
                Map.of("type", "SET_LOCAL_MODE", "on", true));
        assertThat(on.status()).as(on.body()).isEqualTo(202);
        await("zones and amplifier released").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> agent.devices().zones().activeZones().isEmpty() && !agent.devices().amplifier().isPowered());
        await("the command succeeded").atMost(Duration.ofSeconds(5)).until(() ->
                "SUCCEEDED".equals(technician.get("/api/v1/commands/" + on.json().get("id").asLong()).json().path("state").asText()));
        await("the console's station shows local mode").atMost(Duration.ofSeconds(5))
                .until(() -> technician.get("/api/v1/stations/" + s.id()).json().path("localMode").asBoolean());
        await("nothing plays in local mode").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> agent.devices().zones().activeZones().isEmpty() && !agent.devices().amplifier().isPowered());

        ApiClient.Response off = technician.post("/api/v1/stations/" + s.id() + "/commands",
                Map.of("type", "SET_LOCAL_MODE", "on", false));
        assertThat(off.status()).as(off.body()).isEqualTo(202);
        await("local mode off at the console").atMost(Duration.ofSeconds(5))
                .until(() -> !technician.get("/api/v1/stations/" + s.id()).json().path("localMode").asBoolean(true));
        await("the period and the interrupted play in the as-run log").atMost(Duration.ofSeconds(15)).until(() -> {
            List<JsonNode> plays = Fixture.plays(api, "?stationId=" + s.id());
            return plays.stream().anyMatch(LocalModeTest::preemptedByLocalMode)
                    && plays.stream().anyMatch(p -> "local-mode".equals(p.path("itemId").asText())
                            && "STOPPED".equals(p.path("outcome").asText()) && "LOCAL_MODE".equals(p.path("reason").asText())
                            && Instant.parse(p.path("startedAt").asText()).isBefore(Instant.parse(p.path("endedAt").asText())
                                    .minusSeconds(1)));
        });
    }

    private static ApiClient account(ApiClient admin, TestController controller, String username, String role, long scope) {
        ApiClient.Response r = admin.post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD, "role", role,
                "scopeAreaId", scope));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ApiClient(controller.httpPort()).login(username, PASSWORD);
    }

    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    private static boolean preemptedByLocalMode(JsonNode play) {
        return !play.get("reason").isNull() && play.get("reason").asText().contains("PREEMPTED_BY:LOCAL_MODE");
    }
}
