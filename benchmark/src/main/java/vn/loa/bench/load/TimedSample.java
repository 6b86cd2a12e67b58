package vn.loa.bench.load;

/**
 * Which lightweight stations time their packets: 1 in {@code every}, chosen by a hash of the station id so
 * that the sample is spread over every batching turn of the controller (a turn is {@code (packet + station id)
 * mod packets-per-write}; every 10th id would only ever see two of four turns). The others count what they
 * receive (loss, gaps, completeness) but read in batches ({@code SO_RCVLOWAT}), so the load client's CPU goes
 * to the timed stations and the machine is not saturated by the measurement itself. Issue 23 allows this for
 * the 10,000-station run ("it may fully check a sample of stations and count bytes for the rest").
 */
public record TimedSample(int every) {
    /** Every station timed: the default. */
    public static final TimedSample ALL = new TimedSample(1);
    /**
     * An untimed station is woken when this much is waiting: on average about 2 s of a 24 kbps feed with its framing;
     * each station's own amount ({@link #batchBytes}) lies within half of it either way.
     */
    public static final int BATCH_BYTES = 8 * 1024;

    public TimedSample {
        if (every < 1) {
            throw new IllegalArgumentException("--timed-sample must be at least 1 (1 = every station timed), got " + every);
        }
    }

    public boolean all() {
        return every == 1;
    }

    public boolean timed(long stationId) {
        return every == 1 || Long.remainderUnsigned(mix(stationId), every) == 0;
    }

    /**
     * How much an untimed station lets wait before it is woken: from half to one and a half {@link #BATCH_BYTES},
     * by a hash of its id. With one amount for all, stations started together would all wake in the same instant
     * every two seconds, and the load client's burst would show in the timed stations' latencies.
     */
    public static int batchBytes(long stationId) {
        return BATCH_BYTES / 2 + (int) Long.remainderUnsigned(mix(stationId ^ 0x5DEECE66DL), BATCH_BYTES);
    }

    /** SplitMix64's finaliser: consecutive ids spread evenly over every residue. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
