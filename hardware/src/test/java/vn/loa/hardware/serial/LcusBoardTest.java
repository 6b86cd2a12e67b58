package vn.loa.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/** An LCUS 4-channel board on a real pseudo-terminal (socat), checked frame by frame by an emulator. */
@Tag("needs-tools")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LcusBoardTest {
    @TempDir
    Path dir;
    PtyPair pty;
    LcusEmulator board;
    StationHardware hardware;

    @BeforeEach
    void start() throws Exception {
        pty = new PtyPair(dir);
        board = new LcusEmulator(pty.boardSide(), 4);
        String config = """
                timing.minRelayIntervalMs = 0
                amplifier.board = tang1
                amplifier.channel = 4
                zone.11.board = tang1
                zone.11.channel = 1
                zone.12.board = tang1
                zone.12.channel = 2
                zone.13.board = tang1
                zone.13.channel = 3
                board.tang1.type = LCUS
                board.tang1.port = %s
                board.tang1.channels = 4
                """.formatted(pty.driverSide());
        hardware = new HardwareBuilder(new HardwareBuilder.Drivers(() -> {
            throw new IllegalStateException("no GPIO in this test");
        }, SerialLinkOpener.JSSC, Sleeper.REAL, false)).create(HardwareConfigParser.parse(config, "test"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        hardware.close();
        board.close();
        pty.close();
    }

    List<String> frames(int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String f = board.frames.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("frame %d of %d (got %s)", i + 1, count, got).isNotNull();
            got.add(f);
        }
        return got;
    }

    @Test
    void everyFrameIsExactAndRelaysStartOff() throws Exception {
        // all off at start
        assertThat(frames(4)).containsExactly("A0 01 00 A1", "A0 02 00 A2", "A0 03 00 A3", "A0 04 00 A4");

        hardware.amplifier().setPowered(true);
        hardware.zones().setZone(12, true);
        hardware.zones().setZone(13, true);
        assertThat(frames(3)).containsExactly("A0 04 01 A5", "A0 02 01 A3", "A0 03 01 A4");
        assertThat(board.relays).containsExactly(false, false, true, true, true);
        assertThat(hardware.zones().readBack(12)).as("LCUS cannot read back").isEmpty();
        assertThat(hardware.zones().describe(12)).isEqualTo("board tang1 (LCUS on " + pty.driverSide() + ") channel 2");

        hardware.makeSafe();
        assertThat(frames(4)).containsExactly("A0 01 00 A1", "A0 02 00 A2", "A0 03 00 A3", "A0 04 00 A4");
        assertThat(board.relays).containsOnly(false);
        assertThat(board.errors).isEmpty();
    }

    @Test
    void anUnpluggedBoardNamesItsZonesAndIsReopenedWhenItReturns() throws Exception {
        frames(4);
        board.close();
        pty.stop(); // USB adapter unplugged: the device node is gone

        assertThatThrownBy(() -> hardware.zones().setZone(11, true)).isInstanceOf(HardwareException.class)
                .hasMessageContaining("zone 11").hasMessageContaining("board tang1")
                .hasMessageContaining("zones affected: 11, 12, 13");

        pty.start(); // plugged back in
        board = new LcusEmulator(pty.boardSide(), 4);
        await("the board to be reopened").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(HardwareException.class)
                .until(() -> {
                    hardware.zones().setZone(11, true);
                    return true;
                });
        assertThat(board.frames.poll(5, TimeUnit.SECONDS)).isEqualTo("A0 01 01 A2");
        assertThat(board.errors).isEmpty();
    }
}
