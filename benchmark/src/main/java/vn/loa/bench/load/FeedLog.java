package vn.loa.bench.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the live feeder sent the audio that completes each packet (epoch µs), so that a packet's
 * delivery latency is its arrival at a station minus this instant. Unknown (0) for recorded audio.
 */
public final class FeedLog {
    private final AtomicLongArray sentUs;

    public FeedLog(int capacity) {
        this.sentUs = new AtomicLongArray(capacity);
    }

    public void sent(int seq, long us) {
        if (seq >= 0 && seq < sentUs.length()) {
            sentUs.set(seq, us);
        }
    }

    /** 0 when unknown. */
    public long sentUs(int seq) {
        return seq >= 0 && seq < sentUs.length() ? sentUs.get(seq) : 0;
    }
}
