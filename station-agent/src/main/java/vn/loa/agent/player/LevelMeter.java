package vn.loa.agent.player;

/** Peak and RMS of what was played, in dBFS, for the play report. */
public final class LevelMeter {
    private long count;
    private double sumSquares;
    private int peak;

    public void add(short[] samples, int length) {
        for (int i = 0; i < length; i++) {
            int s = samples[i];
            sumSquares += (double) s * s;
            int a = Math.abs(s);
            if (a > peak) {
                peak = a;
            }
        }
        count += length;
    }

    public float peakDbfs() {
        return peak == 0 ? -120f : (float) (20 * Math.log10(peak / 32768.0));
    }

    public float rmsDbfs() {
        if (count == 0 || sumSquares == 0) {
            return -120f;
        }
        return (float) (20 * Math.log10(Math.sqrt(sumSquares / count) / 32768.0));
    }
}
