package vn.loa.hardware;

/** Accumulates peak and RMS over interleaved 16-bit samples. Not thread-safe: one per stream. */
public final class AudioMeter {
    private long count;
    private double sumSquares;
    private int peak;

    public void add(short[] samples, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int s = samples[i];
            sumSquares += (double) s * s;
            int a = Math.abs(s);
            if (a > peak) {
                peak = a;
            }
        }
        count += length;
    }

    public AudioLevels levels() {
        float peakDbfs = peak == 0 ? AudioLevels.SILENCE_DBFS : (float) (20 * Math.log10(peak / 32768.0));
        float rmsDbfs = count == 0 || sumSquares == 0 ? AudioLevels.SILENCE_DBFS
                : (float) Math.max(AudioLevels.SILENCE_DBFS, 20 * Math.log10(Math.sqrt(sumSquares / count) / 32768.0));
        return new AudioLevels(peakDbfs, rmsDbfs, count);
    }
}
