package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SincResamplerTest {

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 16000, 22050, 32000, 44100, 48000, 96000, 44101})
    void resamplesToneAccuratelyWithExactLength(int inRate) {
        float[] in = TestAudio.render(inRate, 1.5, 0.5);
        float[] out = resampleInChunks(in, inRate, 24000, 1000);

        assertThat(out).hasSize((int) Math.round(in.length * 24000.0 / inRate));
        float[] expected = TestAudio.render(24000, 1.5, 0.5);
        // compare away from the edges, where the filter sees the implicit zeros around the signal
        double error = 0;
        double energy = 0;
        for (int i = 200; i < out.length - 200; i++) {
            error += Math.pow(out[i] - expected[i], 2);
            energy += Math.pow(expected[i], 2);
        }
        double snrDb = 10 * Math.log10(energy / error);
        assertThat(snrDb).as("SNR at %d Hz", inRate).isGreaterThan(50);
    }

    @Test
    void removesContentAboveTheNewNyquist() {
        int inRate = 48000;
        float[] in = new float[inRate];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 15000.0 * i / inRate)); // would alias to 9 kHz
        }
        float[] out = resampleInChunks(in, inRate, 24000, 4096);
        double rmsDb = TestAudio.rmsDbfs(out, 500, out.length - 500);
        assertThat(rmsDb).isLessThan(-70);
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        float[] in = TestAudio.render(44100, 0.5, 0.5);
        float[] whole = resampleInChunks(in, 44100, 24000, in.length);
        float[] pieces = resampleInChunks(in, 44100, 24000, 7);
        assertThat(pieces).containsExactly(whole);
    }

    @Test
    void passesThroughAtTheSameRate() {
        float[] in = TestAudio.render(24000, 0.1, 0.5);
        assertThat(resampleInChunks(in, 24000, 24000, 100)).containsExactly(in);
    }

    static float[] resampleInChunks(float[] in, int inRate, int outRate, int chunk) {
        SincResampler resampler = new SincResampler(inRate, outRate);
        float[] out = new float[0];
        for (int i = 0; i < in.length; i += chunk) {
            out = concat(out, resampler.process(Arrays.copyOfRange(in, i, Math.min(in.length, i + chunk))));
        }
        return concat(out, resampler.finish());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
