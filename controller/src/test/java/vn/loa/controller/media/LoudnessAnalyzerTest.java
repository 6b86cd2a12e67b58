package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoudnessAnalyzerTest {

    private static final int RATE = 24000;

    @Test
    void bringsQuietSpeechLevelToTarget() {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(RATE);
        analyzer.accept(sine(0.02, 2.0)); // RMS = 0.02 / sqrt 2 = -37 dBFS, peak -34 dBFS
        double gainDb = 20 * Math.log10(analyzer.gain());
        assertThat(gainDb).isCloseTo(-20 - (20 * Math.log10(0.02 / Math.sqrt(2))), within(0.1));
    }

    @Test
    void pausesDoNotInflateGain() {
        LoudnessAnalyzer continuous = new LoudnessAnalyzer(RATE);
        continuous.accept(sine(0.05, 2.0));
        LoudnessAnalyzer withPauses = new LoudnessAnalyzer(RATE);
        withPauses.accept(sine(0.05, 1.0));
        withPauses.accept(new float[RATE * 5]);
        withPauses.accept(sine(0.05, 1.0));
        assertThat(withPauses.gain()).isCloseTo(continuous.gain(), within(0.01 * continuous.gain()));
    }

    @Test
    void limitsPeaksToMinusOneDbfs() {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(RATE);
        float[] quiet = sine(0.01, 2.0);
        quiet[1000] = 0.5f; // one loud click
        analyzer.accept(quiet);
        assertThat(analyzer.gain() * 0.5).isCloseTo(Math.pow(10, -1 / 20.0), within(1e-6));
    }

    @Test
    void neverAmplifiesMoreThanTwentyDb() {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(RATE);
        analyzer.accept(sine(0.002, 2.0)); // -57 dBFS RMS
        assertThat(analyzer.gain()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void leavesSilenceAlone() {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(RATE);
        analyzer.accept(new float[RATE]);
        assertThat(analyzer.gain()).isEqualTo(1.0);
    }

    @Test
    void attenuatesLoudInput() {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(RATE);
        analyzer.accept(sine(0.9, 1.0));
        assertThat(analyzer.gain()).isLessThan(1.0);
    }

    private static float[] sine(double amplitude, double seconds) {
        float[] out = new float[(int) (RATE * seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440.0 * i / RATE));
        }
        return out;
    }
}
