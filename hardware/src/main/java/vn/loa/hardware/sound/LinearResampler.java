package vn.loa.hardware.sound;

/**
 * Streaming linear-interpolation resampler for interleaved 16-bit PCM: blocks may have any size and
 * the output continues smoothly across them. Good enough for speech on loudspeaker horns; used only
 * when the device refuses the stream's own rate.
 */
final class LinearResampler {
    private final int channels;
    private final double step;
    private final short[] last;
    private double position;

    LinearResampler(int channels, int inRate, int outRate) {
        this.channels = channels;
        this.step = (double) inRate / outRate;
        this.last = new short[channels];
    }

    /** Resamples {@code frames} frames of {@code in}; returns the output samples (interleaved). */
    short[] process(short[] in, int offset, int frames) {
        if (frames == 0) {
            return new short[0];
        }
        int capacity = (int) Math.ceil((frames + 1) / step) + 2;
        short[] out = new short[capacity * channels];
        int produced = 0;
        // position is in input frames from this block's first frame; -1 is the previous block's last
        // frame (position only goes below 0 after a first block, so "last" is always set then)
        while (position < frames - 1) {
            int i = (int) Math.floor(position);
            double frac = position - i;
            for (int c = 0; c < channels; c++) {
                double a = i < 0 ? last[c] : in[offset + i * channels + c];
                double b = in[offset + (i + 1) * channels + c];
                out[produced * channels + c] = (short) Math.round(a + (b - a) * frac);
            }
            produced++;
            position += step;
        }
        for (int c = 0; c < channels; c++) {
            last[c] = in[offset + (frames - 1) * channels + c];
        }
        position -= frames;
        return java.util.Arrays.copyOf(out, produced * channels);
    }
}
