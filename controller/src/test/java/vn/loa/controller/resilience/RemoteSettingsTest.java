package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.config.SettingsTrial;
import vn.loa.agent.link.ControllerAddress;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.sim.SimHardware;

/**
 * Remote agent settings end to end (issue 17 part 4, docs/configuration.md#agent-settings): a real controller and a
 * real agent on loopback. Settings with mistakes (and the station id, which is never pushed) are refused with their
 * lines; settings that point the agent at a controller that does not answer are rolled back when the trial time is
 * over, and the agent is connected again on its last good settings; good settings are applied, and the history shows
 * both. The agent's restarts are done as the service manager does them, through the same start-up choice
 * ({@link SettingsTrial}) as {@code loa-agent run}: the pushed keys laid over the packaged settings.
 */
@Tag("e2e")
@Timeout(180)
class RemoteSettingsTest {
    private static final int TRIAL_SECONDS = 5;

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private StationAgent agent;
    private final AtomicBoolean restartAsked = new AtomicBoolean();

    @Test
    void badSettingsAreRefusedWithTheirLinesAWrongControllerIsRolledBackAndGoodSettingsAreApplied() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Kiên Mộc", province);
        // the packaged /etc/loa-agent/station.properties: this controller
        AgentConfig packaged = AgentConfig.of("127.0.0.1", controller.agentPort(), s.id(), s.secret(), dir.resolve("agent"))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        start(packaged);
        await("connected").atMost(Duration.ofSeconds(30)).until(agent::isConnected);

        // 1. mistakes, and the station id: refused by the controller with the agent's parser, each on its line
        ApiClient.Response bad = api.post("/api/v1/stations/" + s.id() + "/settings", Map.of("stationSettings", """
                controller = 127.0.0.1:%d
                station = 99
                holdMs = soon
                """.formatted(controller.agentPort())));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("SETTINGS_ERROR", "station id cannot be pushed");
        assertThat(bad.json().findValues("line")).extracting(JsonNode::asInt).contains(2, 3);
        assertThat(ConfigPushes.history(api, s.id())).isEmpty();

        // 2. a controller address where nothing answers: on trial at the restart, rolled back after the trial time
        int nobody;
        try (ServerSocket closed = new ServerSocket(0)) {
            nobody = closed.getLocalPort();
        }
        long wrong = push(api, s.id(), "controller = 127.0.0.1:" + nobody + "\n");
        restartWhenAsked(packaged);
        assertThat(agent.isConnected()).as("nothing answers at port " + nobody).isFalse();
        await("rolled back after the trial").atMost(Duration.ofSeconds(TRIAL_SECONDS + 30)).untilTrue(restartAsked);
        restartWhenAsked(packaged);
        await("ROLLED_BACK in the history").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> ConfigPushes.state(api, wrong).equals("ROLLED_BACK"));
        assertThat(api.get("/api/v1/config-pushes/" + wrong).json().path("reason").asText())
                .contains("not connected to a controller within " + TRIAL_SECONDS + " s");
        assertThat(Files.exists(dir.resolve("agent/config/station.properties"))).as("nothing applied").isFalse();

        // 3. good settings: the agent connects with them and keeps them; the history shows both
        long good = push(api, s.id(), "# Trạm xã Kiên Mộc\ncontroller = 127.0.0.1:" + controller.agentPort()
                + "\ndataQuotaMiB = 2048\n");
        restartWhenAsked(packaged);
        await("APPLIED in the history").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> ConfigPushes.state(api, good).equals("APPLIED"));
        assertThat(Files.readString(dir.resolve("agent/config/station.properties"))).contains("dataQuotaMiB = 2048");
        JsonNode history = ConfigPushes.history(api, s.id());
        assertThat(history.findValuesAsText("state")).containsExactly("APPLIED", "ROLLED_BACK");
        assertThat(history.findValuesAsText("file")).containsOnly("STATION_SETTINGS");
        assertThat(history.get(0).path("stationSettings").asText()).contains("dataQuotaMiB = 2048");
    }

    @Test
    void theRealCommandLineRunsPushedSettingsOnTrialAndRollsAWrongControllerBack() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Đội Cấn", province);
        // the packaged /etc/loa-agent/station.properties, as loa-agent run reads it (--config); no --controller,
        // which would win over pushed settings
        Path etc = dir.resolve("etc/station.properties");
        Files.createDirectories(etc.getParent());
        Files.writeString(etc, "controller = 127.0.0.1:" + controller.agentPort() + "\n");
        Path data = dir.resolve("agent-data");
        java.util.List<String> args = java.util.List.of("run", "--config", etc.toString(), "--station",
                Long.toString(s.id()), "--secret", s.secret(), "--data", data.toString(), "--hardware", "sim");
        Path log = dir.resolve("agent.log");
        ChildJvm agent = ChildJvm.start("vn.loa.agent.cli.AgentCommand", args, log, Map.of());
        try {
            awaitOnline(api, s.id(), agent);
            long wrong = push(api, s.id(), "controller = 127.0.0.1:" + ChildJvm.freePort() + "\n");
            // idle: the agent exits 75 for the service manager to start it again, which this test does
            assertThat(agent.exitCode(60)).as(agent::logOrWhy).isEqualTo(75);
            agent = ChildJvm.start("vn.loa.agent.cli.AgentCommand", args, log, Map.of());
            // on trial, it cannot connect: after the trial time it rolls back and exits 75 again
            assertThat(agent.exitCode(TRIAL_SECONDS + 60)).as(agent::logOrWhy).isEqualTo(75);
            agent = ChildJvm.start("vn.loa.agent.cli.AgentCommand", args, log, Map.of());
            ChildJvm running = agent;
            await("ROLLED_BACK in the history").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ConfigPushes.state(api, wrong).equals("ROLLED_BACK"));
            assertThat(running.isAlive()).as(running::logOrWhy).isTrue();
            assertThat(Files.exists(data.resolve("config/station.properties"))).as("nothing applied").isFalse();
        } finally {
            agent.close();
        }
    }

    private static void awaitOnline(ApiClient api, long stationId, ChildJvm agent) {
        await("the agent connected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .failFast("the agent exited", () -> !agent.isAlive())
                .until(() -> api.get("/api/v1/stations/" + stationId).json().path("online").asBoolean());
    }

    /** The agent as {@code loa-agent run} starts it: the pushed settings' controller wins over the packaged one. */
    private void start(AgentConfig packaged) throws Exception {
        SettingsTrial.Choice settings = SettingsTrial.choose(packaged.stationId(), packaged.dataDir());
        AgentConfig config = packaged;
        String pushed = settings.overlay().getProperty("controller");
        if (pushed != null) {
            var controllers = ControllerAddress.parseList(pushed);
            config = new AgentConfig(controllers.get(0).host(), controllers.get(0).port(), packaged.stationId(),
                    packaged.secret(), packaged.dataDir(), packaged.hardware(), packaged.warmUp(), packaged.zoneSettle(),
                    packaged.hold(), packaged.lateTolerance(), packaged.reconnectMin(), packaged.reconnectMax(),
                    packaged.chimeFile(), packaged.tlsIdentity(), controllers.subList(1, controllers.size()),
                    packaged.cellular());
        }
        Path sim = config.dataDir().resolve("sim");
        agent = running.keep(new StationAgent(config, clock -> SimHardware.create(sim, clock, java.util.Set.of()).hardware(),
                OpusAudioSource::open, null, new StationAgent.ClockSetup(java.time.Clock.systemUTC(), () -> "boot-1",
                vn.loa.agent.clock.LocalTimeSources.none(dir))));
        restartAsked.set(false);
        agent.onRestart(() -> restartAsked.set(true));
        agent.start();
    }

    /** The agent asks to restart when idle; it is restarted as systemd would. */
    private void restartWhenAsked(AgentConfig packaged) throws Exception {
        await("the agent asks to restart").atMost(Duration.ofSeconds(30)).untilTrue(restartAsked);
        agent.close();
        start(packaged);
    }

    private static long push(ApiClient api, long stationId, String settings) {
        ApiClient.Response r = api.post("/api/v1/stations/" + stationId + "/settings",
                Map.of("stationSettings", settings, "trialSeconds", TRIAL_SECONDS));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("state").asText()).isEqualTo("SENT");
        assertThat(r.json().path("file").asText()).isEqualTo("STATION_SETTINGS");
        return r.json().path("id").asLong();
    }
}
