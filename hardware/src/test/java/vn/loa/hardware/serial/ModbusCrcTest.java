package vn.loa.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ModbusCrcTest {
    @Test
    void matchesKnownFrames() {
        // the specification's example (read 10 holding registers of slave 1) and a pymodbus answer
        assertThat(HexFormat.of().formatHex(ModbusCrc.append(HexFormat.of().parseHex("01030000000a"))))
                .isEqualTo("01030000000ac5cd");
        assertThat(HexFormat.of().formatHex(ModbusCrc.append(HexFormat.of().parseHex("03050002ff00"))))
                .isEqualTo("03050002ff002c18");
        assertThat(ModbusCrc.valid(HexFormat.of().parseHex("0301010451f3"))).isTrue();
        assertThat(ModbusCrc.valid(HexFormat.of().parseHex("0301010451f4"))).isFalse();
    }

    @Test
    void lcusFramesCarryTheirChecksum() {
        assertThat(LcusBoard.frame(1, true)).containsExactly(0xA0, 0x01, 0x01, 0xA2);
        assertThat(LcusBoard.frame(8, false)).containsExactly(0xA0, 0x08, 0x00, 0xA8);
    }
}
