package vn.loa.agent.selftest;

import vn.loa.hardware.PcmFormat;

/** A steady sine at -12 dBFS peak: loud enough to hear in the village, gentle on the horns. */
final class TestTone {
    static final PcmFormat FORMAT = new PcmFormat(48_000, 1);
    static final double AMPLITUDE = 0.25;

    private final double hz;
    private long frame;

    TestTone(double hz) {
        this.hz = hz;
    }

    /** The next {@code frames} samples of the tone. */
    short[] next(int frames) {
        short[] s = new short[frames];
        for (int i = 0; i < frames; i++, frame++) {
            s[i] = (short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * hz * frame / FORMAT.sampleRate()));
        }
        return s;
    }
}
