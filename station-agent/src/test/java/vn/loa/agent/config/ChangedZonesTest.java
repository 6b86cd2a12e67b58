package vn.loa.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;

class ChangedZonesTest {
    private static final String BASE = """
            amplifier.gpio = 17
            zone.4.gpio = 27
            zone.5.board = b
            zone.5.channel = 1
            board.b.type = MODBUS
            board.b.port = /dev/loa-rs485
            board.b.channels = 4
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no file before: every zone", null, BASE, List.of(4L, 5L)),
                Arguments.of("a zone rewired: that zone", BASE, BASE.replace("zone.4.gpio = 27", "zone.4.gpio = 22"),
                        List.of(4L)),
                Arguments.of("a zone added: that zone", BASE, BASE + "zone.6.gpio = 23\n", List.of(6L)),
                Arguments.of("its board changed: the zones on it", BASE, BASE + "board.b.address = 2\n", List.of(5L)),
                Arguments.of("the amplifier rewired: every zone", BASE, BASE.replace("amplifier.gpio = 17",
                        "amplifier.gpio = 18"), List.of(4L, 5L)),
                Arguments.of("only a timing or a gain: every zone, once", BASE, BASE + "timing.holdMs = 3000\n"
                        + "zone.4.gainDb = -3\n", List.of(4L, 5L)),
                Arguments.of("a bypass added: every zone", BASE, BASE + "bypass.gpio = 9\n", List.of(4L, 5L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testsTheZonesTheNewFileChanges(String name, String before, String after, List<Long> expected) throws Exception {
        HardwareConfig b = before == null ? null : HardwareConfigParser.parse(before, "before");
        assertThat(ChangedZones.toTest(b, HardwareConfigParser.parse(after, "after"))).containsExactlyElementsOf(expected);
    }
}
