package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;

/**
 * A real controller and a real agent driving a Modbus RTU relay board: Debian's pymodbus serving coils on the far
 * side of a pseudo-terminal (socat). The board is unplugged while the station is idle (its server killed): the
 * controller raises a DEVICE_FAULT alarm within 30 s; plugged back (a new server on the same port), its condition
 * ends, and acknowledged (alarms are latched) it is cleared.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class RelayBoardUnpluggedTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private ModbusBoardOnPty board;

    @AfterEach
    void unplug() throws InterruptedException {
        if (board != null) {
            board.close();
        }
    }

    @Test
    void anUnpluggedBoardRaisesADeviceFaultWithin30sAndPluggedBackItClears() throws Exception {
        board = ModbusBoardOnPty.start(dir);
        Path agentSide = board.agentSide();

        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Hà Giang", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Lũng Cú", province);
        long zone = s.zoneIds().getFirst();
        HardwareConfig hw = HardwareConfigParser.parse("""
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
                """.formatted(zone, zone, agentSide), "test");
        AgentConfig config = AgentConfig.of("127.0.0.1", controller.agentPort(), s.id(), s.secret(), dir.resolve("agent"))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        StationAgent agent = new StationAgent(config,
                clock -> {
                    try {
                        return new HardwareBuilder(HardwareBuilder.Drivers.realOwnedByCaller()).create(hw, clock);
                    } catch (vn.loa.hardware.HardwareException e) {
                        throw new IllegalStateException(e);
                    }
                }, OpusAudioSource::open, null,
                new StationAgent.ClockSetup(java.time.Clock.systemUTC(), () -> "boot-1",
                        vn.loa.agent.clock.LocalTimeSources.none(dir)));
        running.keep(agent);
        agent.start();
        await("connected").atMost(Duration.ofSeconds(30)).until(agent::isConnected);
        await("no device fault while the board answers").during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
                .until(() -> deviceFaults(api, s.id(), "ACTIVE") == 0);

        board.unplug(); // the station idle
        await("DEVICE_FAULT at the controller").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> deviceFaults(api, s.id(), "ACTIVE") == 1);

        board.plugIn(); // plugged back
        // alarms are latched (docs/health.md): the condition ends at once, the alarm clears when acknowledged
        await("the fault's condition ended").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !alarm(api, s.id()).path("conditionActive").asBoolean(true));
        long id = alarm(api, s.id()).path("id").asLong();
        ApiClient.Response ack = api.post("/api/v1/alarms/" + id + "/ack", java.util.Map.of("note", "cắm lại bo mạch"));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(deviceFaults(api, s.id(), "CLEARED")).isEqualTo(1);
        assertThat(deviceFaults(api, s.id(), "ACTIVE")).isZero();
    }

    private static JsonNode alarm(ApiClient api, long stationId) {
        ApiClient.Response r = api.get("/api/v1/alarms?stationId=" + stationId + "&kind=DEVICE_FAULT");
        assertThat(r.json().size()).as(r.body()).isEqualTo(1);
        return r.json().get(0);
    }

    private static int deviceFaults(ApiClient api, long stationId, String state) {
        ApiClient.Response r = api.get("/api/v1/alarms?stationId=" + stationId + "&kind=DEVICE_FAULT&state=" + state);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().size();
    }
}
