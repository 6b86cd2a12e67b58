package vn.loa.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import vn.loa.hardware.relay.Sleeper;
import vn.loa.hardware.testsupport.PtyPair;

/**
 * A Modbus RTU relay board (slave address 3, 8 coils) served by Debian's pymodbus over a socat
 * pseudo-terminal: the driver's writes land in the server's coils, its read-back comes from them,
 * and a server that dies mid-play makes the driver fail naming the zones, then recover.
 */
@Tag("needs-tools")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModbusRtuBoardTest {
    @TempDir
    Path dir;
    PtyPair pty;
    ModbusServer server;
    StationHardware hardware;

    @BeforeEach
    void start() throws Exception {
        pty = new PtyPair(dir);
        server = new ModbusServer(pty.boardSide(), 3, 8, dir);
        String config = """
                timing.minRelayIntervalMs = 0
                amplifier.board = rs485
                amplifier.channel = 8
                zone.21.board = rs485
                zone.21.channel = 1
                zone.22.board = rs485
                zone.22.channel = 2
                zone.23.board = rs485
                zone.23.channel = 3
                board.rs485.type = MODBUS
                board.rs485.port = %s
                board.rs485.baud = 9600
                board.rs485.address = 3
                board.rs485.channels = 8
                board.rs485.timeoutMs = 250
                board.rs485.retries = 1
                """.formatted(pty.driverSide());
        hardware = new HardwareBuilder(new HardwareBuilder.Drivers(() -> {
            throw new IllegalStateException("no GPIO in this test");
        }, SerialLinkOpener.JSSC, Sleeper.REAL, false)).create(HardwareConfigParser.parse(config, "test"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        hardware.close();
        server.close();
        pty.close();
    }

    @Test
    void switchesLandInTheServersCoilsAndAreReadBack() throws Exception {
        assertThat(server.nextCoils()).as("all off at start (0F)").isEqualTo("COILS 3 0 0 0 0 0 0 0 0");

        hardware.amplifier().setPowered(true);
        assertThat(server.nextCoils()).isEqualTo("COILS 3 0 0 0 0 0 0 0 1");
        hardware.zones().setZone(22, true);
        assertThat(server.nextCoils()).isEqualTo("COILS 3 0 1 0 0 0 0 0 1");
        hardware.zones().setZone(23, true);
        assertThat(server.nextCoils()).isEqualTo("COILS 3 0 1 1 0 0 0 0 1");

        assertThat(hardware.zones().readBack(22)).contains(true);
        assertThat(hardware.zones().readBack(21)).contains(false);
        assertThat(hardware.amplifier().readBack()).contains(true);

        hardware.zones().setZone(22, false);
        assertThat(server.nextCoils()).isEqualTo("COILS 3 0 0 1 0 0 0 0 1");
        hardware.makeSafe();
        server.awaitCoils("COILS 3 0 0 0 0 0 0 0 0"); // fails after 10 s if this state never comes
        assertThat(hardware.zones().readBack(23)).contains(false);
    }

    @Test
    void aBoardThatStopsAnsweringMidPlayNamesItsZonesAndRecoversWhenItReturns() throws Exception {
        server.nextCoils();
        hardware.amplifier().setPowered(true);
        hardware.zones().setZone(21, true);
        server.awaitCoils("COILS 3 1 0 0 0 0 0 0 1"); // fails after 10 s if this state never comes

        server.close(); // the board dies while zone 21 is playing
        assertThatThrownBy(() -> hardware.zones().setZone(23, true)).isInstanceOf(HardwareException.class)
                .hasMessageContaining("zone 23").hasMessageContaining("does not answer")
                .hasMessageContaining("zones affected: 21, 22, 23");
        // at once again while the port waits for its reopening
        assertThatThrownBy(() -> hardware.zones().readBack(21)).isInstanceOf(HardwareException.class)
                .hasMessageContaining("zones affected: 21, 22, 23");

        server = new ModbusServer(pty.boardSide(), 3, 8, dir); // back, with fresh coils
        await("the board to answer again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(HardwareException.class)
                .until(() -> {
                    hardware.zones().setZone(23, true);
                    return true;
                });
        server.awaitCoils("COILS 3 0 0 1 0 0 0 0 0"); // fails after 10 s if this state never comes
        assertThat(hardware.zones().readBack(23)).contains(true);
    }

    @Test
    void aBoardThatDiesWhileIdleIsFoundByTheProbeWithItsZonesAndClearedWhenItReturns() throws Exception {
        server.nextCoils();
        assertThat(hardware.devices().probe()).isEmpty();

        server.close(); // the board dies while nothing plays
        assertThat(hardware.devices().probe()).singleElement().satisfies(f -> {
            assertThat(f.device()).isEqualTo("board rs485");
            assertThat(f.zones()).containsExactly(21L, 22L, 23L);
            assertThat(f.amplifier()).isTrue();
            assertThat(f.problem()).contains("does not answer");
        });
        assertThat(hardware.devices().faults()).as("kept between probes").hasSize(1);

        server = new ModbusServer(pty.boardSide(), 3, 8, dir);
        await("the probe to find the board again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> hardware.devices().probe().isEmpty());
        assertThat(hardware.devices().faults()).isEmpty();
    }
}
