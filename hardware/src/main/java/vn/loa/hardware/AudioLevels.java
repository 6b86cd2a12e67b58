package vn.loa.hardware;

/**
 * Peak and RMS of what an output really sent to the device (after gain and fades), in dBFS, with the
 * number of samples measured; -120 dBFS stands for digital silence.
 */
public record AudioLevels(float peakDbfs, float rmsDbfs, long samples) {
    public static final float SILENCE_DBFS = -120f;
    public static final AudioLevels NONE = new AudioLevels(SILENCE_DBFS, SILENCE_DBFS, 0);
}
