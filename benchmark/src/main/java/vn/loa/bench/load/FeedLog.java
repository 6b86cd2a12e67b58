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

    /** The log as it crossed the control pipe. */
    public FeedLog(long[] sentUs) {
        this.sentUs = new AtomicLongArray(sentUs);
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

    /** Every seq's instant, for the control pipe. */
    public long[] toArray() {
        long[] a = new long[sentUs.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = sentUs.get(i);
        }
        return a;
    }
}
