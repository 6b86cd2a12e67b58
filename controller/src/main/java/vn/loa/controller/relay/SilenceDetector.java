package vn.loa.controller.relay;

/**
 * Measures RMS level over 100 ms blocks of audio time and tells whether the audio has been below a threshold
 * for too long, and whether anything audible has been heard at all.
 */
final class SilenceDetector {
    private final int blockSamples;
    private final long silentLimitSamples;
    private final double thresholdSquare;
    private double sumSquares;
    private int inBlock;
    private long silentSamples;
    private boolean heard;

    SilenceDetector(int sampleRate, double thresholdDbfs, java.time.Duration silentAfter) {
        this.blockSamples = Math.max(1, sampleRate / 10);
        this.silentLimitSamples = silentAfter.toMillis() * sampleRate / 1000;
        double threshold = 32768.0 * Math.pow(10, thresholdDbfs / 20);
        this.thresholdSquare = threshold * threshold;
    }

    void add(short[] pcm) {
        for (short s : pcm) {
            sumSquares += (double) s * s;
            if (++inBlock == blockSamples) {
                if (sumSquares / blockSamples < thresholdSquare) {
                    silentSamples += blockSamples;
                } else {
                    silentSamples = 0;
                    heard = true;
                }
                sumSquares = 0;
                inBlock = 0;
            }
        }
    }

    /** Below the threshold for at least the configured time, counted in audio. */
    boolean silentTooLong() {
        return silentSamples >= silentLimitSamples;
    }

    /** A block above the threshold has been heard since this detector was made. */
    boolean heardSound() {
        return heard;
    }

    /** The length of the current silent run, in milliseconds of audio. */
    long silentMillis(int sampleRate) {
        return silentSamples * 1000 / sampleRate;
    }
}
