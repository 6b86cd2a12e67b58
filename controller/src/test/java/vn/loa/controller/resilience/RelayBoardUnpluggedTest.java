package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    /** The Modbus server script of the hardware module's tests (one independent board for every module). */
    private static final Path SERVER_SCRIPT = Path.of("../hardware/src/test/resources/serial/modbus_relay_server.py");

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private Process socat;
    private Process board;

    @AfterEach
    void unplug() throws InterruptedException {
        for (Process p : new Process[] {board, socat}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void anUnpluggedBoardRaisesADeviceFaultWithin30sAndPluggedBackItClears() throws Exception {
        requireTools();
        Path agentSide = dir.resolve("ttyAgent");
        Path boardSide = dir.resolve("ttyBoard");
        socat = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + agentSide, "pty,raw,echo=0,link=" + boardSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await("the pty pair").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(agentSide) && Files.exists(boardSide));
        board = startBoard(boardSide);

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

        board.destroy(); // unplugged, the station idle
        assertThat(board.waitFor(10, TimeUnit.SECONDS)).isTrue();
        await("DEVICE_FAULT at the controller").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> deviceFaults(api, s.id(), "ACTIVE") == 1);

        board = startBoard(boardSide); // plugged back
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

    private Process startBoard(Path port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", SERVER_SCRIPT.toAbsolutePath().toString(), port.toString(),
                "3", "4").redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("modbus-board-out").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ENDED " + e.getMessage());
            }
        });
        String ready = lines.poll(20, TimeUnit.SECONDS);
        assertThat(ready).as("the pymodbus board started").startsWith("READY");
        return p;
    }

    private static void requireTools() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
            fail("/usr/bin/socat is missing: install Debian's socat (.ci/run does this)");
        }
        if (!Files.isRegularFile(SERVER_SCRIPT)) {
            fail(SERVER_SCRIPT.toAbsolutePath() + " is missing: run this test from the controller module of the repository");
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus, serial_asyncio").redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("/usr/bin/python3 cannot import pymodbus/serial_asyncio: install Debian's python3-pymodbus and "
                    + "python3-serial-asyncio (.ci/run does this)");
        }
    }
}
