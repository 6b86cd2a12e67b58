package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.config.ConfigTrial;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.protocol.hardwarefile.HardwareConfig;

/**
 * Remote configuration end to end (issue 17, docs/configuration.md): a real controller and a real agent whose pushed
 * hardware files drive a Modbus RTU relay board (Debian's pymodbus on the far side of a socat pseudo-terminal). A
 * file with mistakes is refused with every error and its line; a file whose zone board does not answer fails its
 * silent self-test at the agent's restart and the station goes back to its last good configuration; a good file is
 * applied and shown, with the others, in the station's configuration history. The agent's restart is done here as
 * the service manager does it: the agent asks for it (when idle), is closed, and a new one starts from the same data
 * directory through the same start-up choice ({@link ConfigTrial}) as {@code loa-agent run}.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class RemoteConfigurationTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private ModbusBoardOnPty board;
    private StationAgent agent;
    private final AtomicBoolean restartAsked = new AtomicBoolean();

    @AfterEach
    void unplug() throws InterruptedException {
        if (board != null) {
            board.close();
        }
    }

    @Test
    void aBadFileIsRefusedWithItsErrorsAFailingOneIsRolledBackAndAGoodOneIsAppliedAndInTheHistory() throws Exception {
        board = ModbusBoardOnPty.start(dir);
        Path agentSide = board.agentSide();

        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Cao Bằng", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Đàm Thủy", province);
        long zone = s.zoneIds().getFirst();
        AgentConfig config = AgentConfig.of("127.0.0.1", controller.agentPort(), s.id(), s.secret(), dir.resolve("agent"))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        start(config); // no hardware file yet: simulated
        await("connected").atMost(Duration.ofSeconds(30)).until(agent::isConnected);

        // 1. mistakes: refused by the controller with the agent's parser, every error with its line; nothing is sent
        ApiClient.Response bad = api.post("/api/v1/stations/" + s.id() + "/hardware-file", Map.of("hardwareFile", """
                amplifier.gpio = 17
                zone.%d.gpio = 31
                zone.%d.colour = red
                """.formatted(zone, zone)));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("HARDWARE_FILE_ERROR");
        assertThat(bad.json().findValues("line")).extracting(JsonNode::asInt).contains(2, 3);
        assertThat(ConfigPushes.history(api, s.id())).isEmpty();

        // 2. a zone on a board that never answers (address 9): the silent self-test fails at start, rolled back
        long failing = push(api, s.id(), twoBoards(zone, agentSide));
        restartWhenAsked(config);
        await("ROLLED_BACK in the history").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ConfigPushes.state(api, failing).equals("ROLLED_BACK"));
        JsonNode rolledBack = api.get("/api/v1/config-pushes/" + failing).json();
        assertThat(rolledBack.path("reason").asText()).contains("zone " + zone);
        assertThat(rolledBack.path("testedZoneIds").get(0).asLong()).isEqualTo(zone);
        assertThat(Files.exists(dir.resolve("agent/config/hardware.properties"))).as("nothing applied").isFalse();

        // 3. amplifier and zone on the board that answers (address 3): applied, the station runs it, the history shows all of it
        long good = push(api, s.id(), oneBoard(zone, agentSide));
        restartWhenAsked(config);
        await("APPLIED in the history").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ConfigPushes.state(api, good).equals("APPLIED"));
        assertThat(Files.readString(dir.resolve("agent/config/hardware.properties"))).contains("board.rs485.address = 3");
        JsonNode history = ConfigPushes.history(api, s.id());
        assertThat(history.findValuesAsText("state")).containsExactly("APPLIED", "ROLLED_BACK");
        assertThat(history.get(0).path("testedZoneIds").get(0).asLong()).isEqualTo(zone);
    }

    /** Amplifier and zone on the one board that answers (address 3). */
    private static String oneBoard(long zone, Path port) {
        return """
                # Trạm xã Đàm Thủy: one Modbus relay board on RS-485
                timing.warmUpMs = 0
                timing.minRelayIntervalMs = 0
                amplifier.board = rs485
                amplifier.channel = 1
                zone.%d.board = rs485
                zone.%d.channel = 2
                board.rs485.type = MODBUS
                board.rs485.port = %s
                board.rs485.address = 3
                board.rs485.channels = 4
                board.rs485.timeoutMs = 200
                board.rs485.retries = 1
                """.formatted(zone, zone, port);
    }

    /** The amplifier on the board that answers, the zone on a second board of the bus that does not (address 9). */
    private static String twoBoards(long zone, Path port) {
        return """
                # Trạm xã Đàm Thủy: Modbus relay board on RS-485
                timing.warmUpMs = 0
                timing.minRelayIntervalMs = 0
                amplifier.board = amp
                amplifier.channel = 1
                zone.%d.board = zones
                zone.%d.channel = 2
                board.amp.type = MODBUS
                board.amp.port = %s
                board.amp.address = 3
                board.amp.channels = 4
                board.amp.timeoutMs = 200
                board.amp.retries = 1
                board.zones.type = MODBUS
                board.zones.port = %s
                board.zones.address = 9
                board.zones.channels = 4
                board.zones.timeoutMs = 200
                board.zones.retries = 1
                """.formatted(zone, zone, port, port);
    }

    /** The agent as {@code loa-agent run} starts it: the pushed file (self-tested when staged) or simulated. */
    private void start(AgentConfig config) throws Exception {
        HardwareBuilder builder = new HardwareBuilder(HardwareBuilder.Drivers.realOwnedByCaller());
        ConfigTrial.Choice choice = ConfigTrial.choose(config.stationId(), config.dataDir(), null, builder::create,
                java.time.Clock.systemUTC());
        HardwareConfig hw = choice.config().orElse(null);
        Path sim = config.dataDir().resolve("sim");
        agent = running.keep(new StationAgent(config, clock -> {
            if (hw == null) {
                return SimHardware.create(sim, clock, java.util.Set.of()).hardware();
            }
            try {
                return builder.create(hw, clock);
            } catch (vn.loa.hardware.HardwareException e) {
                throw new IllegalStateException(e);
            }
        }, OpusAudioSource::open, null, new StationAgent.ClockSetup(java.time.Clock.systemUTC(), () -> "boot-1",
                vn.loa.agent.clock.LocalTimeSources.none(dir))));
        restartAsked.set(false);
        agent.onRestart(() -> restartAsked.set(true));
        agent.start();
    }

    /** The agent asks to restart once the pushed file is staged and nothing plays; it is restarted as systemd would. */
    private void restartWhenAsked(AgentConfig config) throws Exception {
        await("the agent asks to restart").atMost(Duration.ofSeconds(30)).untilTrue(restartAsked);
        agent.close();
        start(config);
        await("connected again").atMost(Duration.ofSeconds(30)).until(agent::isConnected);
    }

    private static long push(ApiClient api, long stationId, String file) {
        ApiClient.Response r = api.post("/api/v1/stations/" + stationId + "/hardware-file", Map.of("hardwareFile", file));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("state").asText()).isEqualTo("SENT");
        return r.json().path("id").asLong();
    }
}
