package vn.loa.agent.player;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import vn.loa.hardware.PcmFormat;

/** A mono sine of known amplitude in fixed frames; remembers every sample it handed out. */
final class SineSource implements AudioSource {
    static final int RATE = 24_000;
    static final int FRAME = 480; // 20 ms
    static final double FREQUENCY = 440;

    private final int amplitude;
    private final int totalSamples;
    private final int failAfterFrames;
    private final List<short[]> produced = new ArrayList<>();
    private int position;
    private volatile boolean closed;

    /**
     * @param failAfterFrames throw an IOException (a corrupt packet) after this many frames; -1 never
     */
    SineSource(int amplitude, long durationMs, int failAfterFrames) {
        this.amplitude = amplitude;
        this.totalSamples = (int) (RATE * durationMs / 1000);
        this.failAfterFrames = failAfterFrames;
    }

    @Override
    public PcmFormat format() {
        return new PcmFormat(RATE, 1);
    }

    @Override
    public synchronized short[] nextFrame() throws IOException {
        if (closed) {
            throw new IOException("source already closed");
        }
        if (failAfterFrames >= 0 && produced.size() >= failAfterFrames) {
            throw new IOException("corrupt Opus packet " + produced.size());
        }
        if (position >= totalSamples) {
            return null;
        }
        int n = Math.min(FRAME, totalSamples - position);
        short[] frame = new short[n];
        for (int i = 0; i < n; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * FREQUENCY * (position + i) / RATE));
        }
        position += n;
        produced.add(frame);
        return frame;
    }

    /** Every sample returned so far, in order. */
    synchronized short[] produced() {
        short[] all = new short[produced.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (short[] f : produced) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
