package vn.loa.protocol.hardwarefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.hardwarefile.HardwareConfig.Board;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardChannel;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardType;
import vn.loa.protocol.hardwarefile.HardwareConfig.GpioPin;
import vn.loa.protocol.hardwarefile.HardwareConfig.Input;

class HardwareConfigParserTest {

    static final String FULL = """
            # Trạm Tân Thanh
            timing.warmUpMs = 2000
            timing.holdMs = 8000
            timing.minRelayIntervalMs = 250

            amplifier.gpio = 17
            amplifier.active = low

            zone.4.gpio = 27
            zone.4.active = high
            zone.4.gainDb = -3
            zone.5.board = tang1
            zone.5.channel = 2
            zone.6.board = rs485
            zone.6.channel = 8

            sensor.amplifierFault.gpio = 5
            sensor.amplifierFault.active = low
            sensor.amplifierFault.debounceMs = 30
            sensor.door.gpio = 6

            audio.device = USB
            audio.gainDb = -1.5
            audio.fadeMs = 15

            board.tang1.type = LCUS
            board.tang1.port = /dev/ttyUSB0
            board.tang1.channels = 4
            board.rs485.type = modbus
            board.rs485.port = /dev/ttyUSB1
            board.rs485.baud = 19200
            board.rs485.address = 3
            board.rs485.channels = 8
            board.rs485.timeoutMs = 150
            board.rs485.retries = 1
            """;

    @Test
    void readsEverySetting() throws Exception {
        HardwareConfig c = HardwareConfigParser.parse(FULL, "test");
        assertThat(c.timings().warmUp()).isEqualTo(Duration.ofMillis(2000));
        assertThat(c.timings().hold()).isEqualTo(Duration.ofMillis(8000));
        assertThat(c.timings().minRelayInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.amplifier()).isEqualTo(new GpioPin(17, false));
        assertThat(c.zones()).containsOnlyKeys(4L, 5L, 6L);
        assertThat(c.zones().get(4L).relay()).isEqualTo(new GpioPin(27, true));
        assertThat(c.zones().get(4L).gainDb()).isEqualTo(-3.0);
        assertThat(c.zones().get(5L).relay()).isEqualTo(new BoardChannel("tang1", 2));
        assertThat(c.zoneGains()).containsExactlyEntriesOf(java.util.Map.of(4L, -3.0));
        assertThat(c.sensors().amplifierFault()).contains(new Input(5, false, Duration.ofMillis(30)));
        assertThat(c.sensors().door()).contains(new Input(6, true, HardwareConfig.Defaults.DEBOUNCE));
        assertThat(c.sensors().mains()).isEmpty();
        assertThat(c.audio()).isEqualTo(new HardwareConfig.Audio("USB", -1.5, Duration.ofMillis(15), 0));
        assertThat(c.boards().get("tang1")).isEqualTo(new Board("tang1", BoardType.LCUS, "/dev/ttyUSB0", 9600, 0, 4,
                Duration.ZERO, 0));
        assertThat(c.boards().get("rs485")).isEqualTo(new Board("rs485", BoardType.MODBUS, "/dev/ttyUSB1", 19200, 3,
                8, Duration.ofMillis(150), 1));
        assertThat(c.usesGpio()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // case                              | bypass lines                                   | expected (or error)
            "no bypass: none                     | ''                                             | none",
            "coil on a GPIO pin, active-low      | bypass.gpio = 24\\nbypass.active = low          | GPIO 24 low",
            "coil on a board channel             | bypass.board = tang1\\nbypass.channel = 4      | tang1 4",
            "coil on the amplifier's pin         | bypass.gpio = 17                               | !GPIO 17 is used twice",
            "coil on a zone's channel            | bypass.board = tang1\\nbypass.channel = 2      | !board tang1 channel 2 is used twice",
            "coil on both                        | bypass.gpio = 24\\nbypass.board = tang1         | !the bypass coil is mapped twice",
            "channel beyond the board            | bypass.board = tang1\\nbypass.channel = 5      | !has 4 channels, not 5"})
    void readsTheBypassCoil(String name, String bypassLines, String expected) throws Exception {
        String text = "amplifier.gpio = 17\nzone.1.board = tang1\nzone.1.channel = 2\nboard.tang1.type = LCUS\n"
                + "board.tang1.port = /dev/ttyUSB0\nboard.tang1.channels = 4\n" + bypassLines.replace("\\n", "\n") + "\n";
        if (expected.startsWith("!")) {
            assertThatThrownBy(() -> HardwareConfigParser.parse(text, "test"))
                    .isInstanceOfSatisfying(HardwareConfigException.class, e -> assertThat(e.errors())
                            .anySatisfy(m -> assertThat(m).contains(expected.substring(1))));
            return;
        }
        HardwareConfig c = HardwareConfigParser.parse(text, "test");
        switch (expected) {
            case "none" -> assertThat(c.bypass()).isEmpty();
            case "GPIO 24 low" -> assertThat(c.bypass()).contains(new GpioPin(24, false));
            default -> assertThat(c.bypass()).contains(new BoardChannel("tang1", 4));
        }
    }

    @Test
    void appliesDefaults() throws Exception {
        HardwareConfig c = HardwareConfigParser.parse("amplifier.gpio=17\nzone.1.gpio=22\n", "test");
        assertThat(c.timings()).isEqualTo(new HardwareConfig.Timings(HardwareConfig.Defaults.WARM_UP,
                HardwareConfig.Defaults.HOLD, HardwareConfig.Defaults.MIN_RELAY_INTERVAL));
        assertThat(c.amplifier()).isEqualTo(new GpioPin(17, true));
        assertThat(c.audio().fade()).isEqualTo(HardwareConfig.Defaults.FADE);
        assertThat(c.audio().device()).isEmpty();
    }

    @Test
    void reportsEveryErrorTogetherWithLineNumbers() {
        String text = """
                amplifier.gpio = 31
                zone.4.gpio = 17
                zone.5.gpio = 17
                zone.6.board = tang1
                zone.6.channel = 1
                zone.7.board = tang1
                zone.7.channel = 1
                zone.8.gpio = 22
                zone.8.board = tang1
                zone.08.gpio = 23
                zone.9.board = nowhere
                zone.9.channel = 1
                zone.10.board = tang1
                zone.10.channel = 6
                board.tang1.type = LCUS
                board.tang1.channels = 4
                board.old.type = LCSU
                board.old.port = /dev/ttyUSB3
                board.old.channels = 2
                zone.4.gainDb = loud
                sensor.door.gpio = 17
                speaker.volume = 3
                zone.4.gpio = 18
                """;
        assertThatThrownBy(() -> HardwareConfigParser.parse(text, "tram.properties"))
                .isInstanceOfSatisfying(HardwareConfigException.class, e -> {
                    List<String> errors = e.errors();
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("line 1").contains("unknown pin GPIO 31"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("GPIO 17 is used twice")
                            .contains("zone 4").contains("zone 5"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("GPIO 17 is used twice")
                            .contains("door input"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("board tang1 channel 1 is used twice")
                            .contains("zone 6").contains("zone 7"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("zone 8 is mapped twice"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("zone 8 is mapped twice (as zone.08"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("zone 9")
                            .contains("board 'nowhere' is not defined"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("zone 10")
                            .contains("has 4 channels, not 6"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("board tang1: port is missing"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("line 17")
                            .contains("type 'LCSU', which is not supported (use LCUS or MODBUS)"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("line 20").contains("not a number"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("line 22")
                            .contains("unknown setting 'speaker.volume'"));
                    assertThat(errors).anySatisfy(m -> assertThat(m).contains("line 23")
                            .contains("zone.4.gpio is set twice (first on line 2)"));
                    assertThat(e.getMessage()).startsWith("tram.properties: ").contains("errors in the hardware configuration");
                });
    }

    @Test
    void modbusBoardsMayShareABusButNotAnAddress() {
        String text = """
                amplifier.board = a
                amplifier.channel = 1
                zone.1.board = b
                zone.1.channel = 1
                zone.2.board = c
                zone.2.channel = 1
                board.a.type = MODBUS
                board.a.port = /dev/ttyUSB0
                board.a.channels = 4
                board.a.address = 1
                board.b.type = MODBUS
                board.b.port = /dev/ttyUSB0
                board.b.channels = 4
                board.b.address = 2
                board.c.type = MODBUS
                board.c.port = /dev/ttyUSB0
                board.c.channels = 4
                board.c.address = 1
                board.d.type = LCUS
                board.d.port = /dev/ttyUSB0
                board.d.channels = 3
                board.d.address = 4
                """;
        assertThatThrownBy(() -> HardwareConfigParser.parse(text, "t"))
                .isInstanceOfSatisfying(HardwareConfigException.class, e -> assertThat(e.errors()).satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("boards a and c share port /dev/ttyUSB0 and address 1"),
                        m -> assertThat(m).contains("boards a and d both use port /dev/ttyUSB0"),
                        m -> assertThat(m).contains("LCUS boards have 1, 2, 4 or 8 channels"),
                        m -> assertThat(m).contains("LCUS board, which has no address")));
    }

    @Test
    void missingAmplifierAndZonesAreReported() {
        assertThatThrownBy(() -> HardwareConfigParser.parse("# empty\naudio.gainDb = 0\n", "t"))
                .isInstanceOfSatisfying(HardwareConfigException.class, e -> assertThat(e.errors()).satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("amplifier relay is missing"),
                        m -> assertThat(m).contains("no zones")));
    }

    @Test
    void validateGivesEveryErrorWithItsLineAndZeroForAMissingSetting() {
        assertThat(HardwareConfigParser.validate("""
                # a comment
                zone.4.gpio = 30
                zone.4.colour = red
                nonsense
                """)).extracting(ConfigError::line).containsExactlyInAnyOrder(2, 3, 4, 0);
        assertThat(HardwareConfigParser.validate("""
                amplifier.gpio = 17
                zone.4.gpio = 27
                """)).isEmpty();
    }
}
