package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final int RATE = 24_000;

    private static short[] tone(double dbfs, double seconds) {
        double amplitude = 32768 * Math.pow(10, dbfs / 20) * Math.sqrt(2);
        short[] s = new short[(int) (seconds * RATE)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return s;
    }

    @Test
    void tenSecondsBelowMinus55DbfsIsSilence() {
        SilenceDetector d = new SilenceDetector(RATE, -55, Duration.ofSeconds(10));
        d.add(tone(-60, 9.9));
        assertThat(d.heardSound()).isFalse();
        assertThat(d.silentTooLong()).isFalse();
        d.add(tone(-60, 0.1));
        assertThat(d.silentTooLong()).isTrue();
        assertThat(d.silentMillis(RATE)).isEqualTo(10_000);
    }

    @Test
    void soundAboveTheThresholdResetsTheSilentRun() {
        SilenceDetector d = new SilenceDetector(RATE, -55, Duration.ofSeconds(10));
        d.add(tone(-70, 8));
        d.add(tone(-50, 0.2));
        assertThat(d.heardSound()).isTrue();
        d.add(new short[RATE * 8]);
        assertThat(d.silentTooLong()).isFalse();
        d.add(new short[RATE * 2]);
        assertThat(d.silentTooLong()).isTrue();
    }
}
