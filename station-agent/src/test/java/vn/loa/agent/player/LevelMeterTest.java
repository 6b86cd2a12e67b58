package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class LevelMeterTest {

    private static short[] constant(int value, int n) {
        short[] s = new short[n];
        java.util.Arrays.fill(s, (short) value);
        return s;
    }

    private static short[] sine(int amplitude) {
        short[] s = new short[24_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * i / 24_000.0));
        }
        return s;
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("silence", constant(0, 480), -120.0, -120.0),
                Arguments.of("full-scale negative DC", constant(-32768, 480), 0.0, 0.0),
                Arguments.of("half-scale positive DC", constant(16384, 480), -6.0206, -6.0206),
                Arguments.of("one LSB", constant(1, 480), -90.309, -90.309),
                Arguments.of("sine at half scale", sine(16384), -6.0206, -9.0309),
                Arguments.of("sine at a tenth", sine(3277), -19.999, -23.010));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void measuresPeakAndRmsInDbfs(String name, short[] samples, double peak, double rms) {
        LevelMeter m = new LevelMeter();
        // fed in uneven frames, as a decoder's last frame is
        for (int at = 0; at < samples.length; at += 333) {
            short[] frame = java.util.Arrays.copyOfRange(samples, at, Math.min(samples.length, at + 333));
            m.add(frame, frame.length);
        }
        assertThat((double) m.peakDbfs()).isCloseTo(peak, within(0.01));
        assertThat((double) m.rmsDbfs()).isCloseTo(rms, within(0.01));
    }

    @Test
    void nothingMeasuredIsSilence() {
        LevelMeter m = new LevelMeter();
        assertThat(m.peakDbfs()).isEqualTo(-120f);
        assertThat(m.rmsDbfs()).isEqualTo(-120f);
    }

    @Test
    void onlyTheGivenLengthCounts() {
        LevelMeter m = new LevelMeter();
        short[] frame = {1000, 1000, 32000, 32000};
        m.add(frame, 2);
        assertThat((double) m.peakDbfs()).isCloseTo(20 * Math.log10(1000 / 32768.0), within(0.001));
        assertThat((double) m.rmsDbfs()).isCloseTo(20 * Math.log10(1000 / 32768.0), within(0.001));
    }
}
