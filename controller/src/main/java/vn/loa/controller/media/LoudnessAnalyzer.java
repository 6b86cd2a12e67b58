package vn.loa.controller.media;

import java.util.Arrays;

/**
 * Measures a mono signal in 50 ms blocks and derives the gain that brings it to the target loudness.
 *
 * <p>Loudness is the RMS of the "active" blocks: blocks quieter than {@value #ABSOLUTE_GATE_DBFS} dBFS are ignored,
 * then blocks more than {@value #RELATIVE_GATE_DB} dB below the mean of the remaining ones are ignored too, so pauses
 * and background hiss do not pull the measurement down. The gain aims at {@value #TARGET_RMS_DBFS} dBFS RMS, is
 * lowered so the sample peak stays at or below {@value #PEAK_CEILING_DBFS} dBFS, and never exceeds
 * +{@value #MAX_GAIN_DB} dB.
 */
final class LoudnessAnalyzer {

    static final double TARGET_RMS_DBFS = -20;
    static final double PEAK_CEILING_DBFS = -1;
    static final double MAX_GAIN_DB = 20;
    static final double ABSOLUTE_GATE_DBFS = -60;
    static final double RELATIVE_GATE_DB = 20;

    private final int blockSize;
    private double[] blockEnergies = new double[256];
    private int blocks;
    private double currentSum;
    private int currentCount;
    private float peak;
    private long samples;

    LoudnessAnalyzer(int sampleRate) {
        this.blockSize = Math.max(1, sampleRate / 20);
    }

    void accept(float[] mono) {
        for (float s : mono) {
            float magnitude = Math.abs(s);
            if (magnitude > peak) {
                peak = magnitude;
            }
            currentSum += (double) s * s;
            if (++currentCount == blockSize) {
                closeBlock();
            }
        }
        samples += mono.length;
    }

    long samples() {
        return samples;
    }

    /** Absolute sample peak (1.0 = full scale). */
    float peak() {
        return peak;
    }

    /** Gated RMS in dBFS, or negative infinity if no block passes the gates. */
    double gatedRmsDbfs() {
        double[] energies = allBlockEnergies();
        double absoluteGate = Math.pow(10, ABSOLUTE_GATE_DBFS / 10);
        double firstMean = mean(energies, absoluteGate);
        if (Double.isNaN(firstMean)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = Math.max(absoluteGate, firstMean * Math.pow(10, -RELATIVE_GATE_DB / 10));
        return 10 * Math.log10(mean(energies, relativeGate));
    }

    /** Linear gain to apply to every sample. */
    double gain() {
        double rmsDbfs = gatedRmsDbfs();
        if (rmsDbfs == Double.NEGATIVE_INFINITY || peak == 0) {
            return 1.0;
        }
        double gainDb = Math.min(TARGET_RMS_DBFS - rmsDbfs, MAX_GAIN_DB);
        double peakLimitDb = PEAK_CEILING_DBFS - 20 * Math.log10(peak);
        return Math.pow(10, Math.min(gainDb, peakLimitDb) / 20);
    }

    private void closeBlock() {
        if (blocks == blockEnergies.length) {
            blockEnergies = Arrays.copyOf(blockEnergies, blocks * 2);
        }
        blockEnergies[blocks++] = currentSum / currentCount;
        currentSum = 0;
        currentCount = 0;
    }

    private double[] allBlockEnergies() {
        double[] all = Arrays.copyOf(blockEnergies, blocks + (currentCount > blockSize / 2 ? 1 : 0));
        if (all.length > blocks) {
            all[blocks] = currentSum / currentCount; // a final partial block counts when it is at least half full
        }
        return all;
    }

    private static double mean(double[] energies, double gate) {
        double sum = 0;
        int count = 0;
        for (double e : energies) {
            if (e >= gate) {
                sum += e;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
