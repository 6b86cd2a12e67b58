package vn.loa.protocol.hardwarefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StationSettingsParserTest {

    @Test
    void readsEveryPushableKey() throws StationSettingsException {
        StationSettings s = StationSettingsParser.parse("""
                # Trạm Tân Thanh
                controller = a.example.vn:7070, b.example.vn:7071
                gpsd = localhost:2947
                dataQuotaMiB = 3072
                warmUpMs = 800
                zoneSettleMs = 150
                holdMs = 4000
                chimeFile = /var/lib/loa-agent/chime.lop
                """, "test");
        assertThat(s.controllers()).containsExactly("a.example.vn:7070", "b.example.vn:7071");
        assertThat(s.gpsd()).contains("localhost:2947");
        assertThat(s.dataQuotaMiB()).contains(3072L);
        assertThat(s.warmUp()).contains(Duration.ofMillis(800));
        assertThat(s.zoneSettle()).contains(Duration.ofMillis(150));
        assertThat(s.hold()).contains(Duration.ofSeconds(4));
        assertThat(s.chimeFile()).contains("/var/lib/loa-agent/chime.lop");
    }

    @Test
    void anEmptyFileChangesNothing() throws StationSettingsException {
        StationSettings s = StationSettingsParser.parse("# nothing\n", "test");
        assertThat(s.controllers()).isEmpty();
        assertThat(s.gpsd()).isEmpty();
        assertThat(s.dataQuotaMiB()).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("controller = a.example.vn:7070\nstation = 12\n", 2, "station id cannot be pushed"),
                Arguments.of("secret = s3cret\n", 1, "station secret cannot be pushed"),
                Arguments.of("\ndata = /tmp\n", 2, "data directory cannot be pushed"),
                Arguments.of("hardware = gpio\n", 1, "push the hardware file instead"),
                Arguments.of("controller = a.example.vn:99999\n", 1, "is not HOST:PORT"),
                Arguments.of("controller = ,\n", 1, "no controller address"),
                Arguments.of("gpsd = local host\n", 1, "HOST or HOST:PORT"),
                Arguments.of("dataQuotaMiB = 0\n", 1, "must be between 1"),
                Arguments.of("# a\nwarmUpMs = soon\n", 2, "not a whole number"),
                Arguments.of("holdMs = 900000\n", 1, "must be between 0 and 600000"),
                Arguments.of("chimeFile = chime.lop\n", 1, "absolute path"),
                Arguments.of("volume = 3\n", 1, "unknown setting 'volume'"),
                Arguments.of("gpsd = a\ngpsd = b\n", 2, "set twice"),
                Arguments.of("just words\n", 1, "is not 'key = value'"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void everyMistakeIsFoundOnItsLine(String text, int line, String message) {
        assertThatThrownBy(() -> StationSettingsParser.parse(text, "push 7"))
                .isInstanceOfSatisfying(StationSettingsException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).line()).isEqualTo(line);
                    assertThat(e.problems().get(0).message()).contains(message);
                    assertThat(e.getMessage()).startsWith("push 7: 1 error in the station settings");
                });
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() {
        assertThatThrownBy(() -> StationSettingsParser.parse("station = 3\ncontroller = x:0\nholdMs = -1\n", "t"))
                .isInstanceOfSatisfying(StationSettingsException.class, e -> assertThat(
                        e.problems().stream().map(ConfigError::line).sorted().toList()).isEqualTo(List.of(1, 2, 3)));
    }
}
