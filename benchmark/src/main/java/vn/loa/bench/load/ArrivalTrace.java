package vn.loa.bench.load;

import java.util.Arrays;

/**
 * When each packet of one announcement arrived at one station (epoch µs, 0 = never), kept as 4 bytes
 * per packet (µs after the start's arrival) so that 10,000 stations × 1,500 packets fit in 60 MB.
 * Latencies are computed from it once the feeder's log is known, which for a load worker is only after
 * the feed (the log is sent over the control pipe).
 */
public final class ArrivalTrace {
    /** Traces of packets beyond this seq are not kept (over 55 hours of 20 ms packets). */
    static final int MAX_SEQ = 10_000_000;

    private final long baseUs;
    private final int[] offsets;

    private ArrivalTrace(long baseUs, int[] offsets) {
        this.baseUs = baseUs;
        this.offsets = offsets;
    }

    /** Number of seqs covered (the highest seq that arrived, plus one). */
    public int length() {
        return offsets.length;
    }

    /** Arrival of packet {@code seq} in µs, 0 when it never arrived (or is beyond the trace). */
    public long arrivalUs(int seq) {
        if (seq < 0 || seq >= offsets.length || offsets[seq] == 0) {
            return 0;
        }
        return baseUs + offsets[seq] - 1;
    }

    /** Filled by one station on its event loop; not thread-safe. */
    static final class Builder {
        private final long baseUs;
        private int[] offsets = new int[64];
        private int length;

        Builder(long baseUs) {
            this.baseUs = baseUs;
        }

        /** Arrivals before the base count at the base; beyond 35 minutes after it, at 35 minutes. */
        void arrived(int seq, long us) {
            if (seq < 0 || seq >= MAX_SEQ) {
                return;
            }
            if (seq >= offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(seq + 1, offsets.length * 2));
            }
            offsets[seq] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, us - baseUs) + 1);
            length = Math.max(length, seq + 1);
        }

        ArrivalTrace build() {
            return new ArrivalTrace(baseUs, Arrays.copyOf(offsets, length));
        }
    }

    static ArrivalTrace of(long baseUs, long... arrivalsUs) {
        Builder b = new Builder(baseUs);
        for (int seq = 0; seq < arrivalsUs.length; seq++) {
            if (arrivalsUs[seq] != 0) {
                b.arrived(seq, arrivalsUs[seq]);
            }
        }
        return b.build();
    }
}
