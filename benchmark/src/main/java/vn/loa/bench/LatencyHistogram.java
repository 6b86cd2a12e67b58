package vn.loa.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe histogram of latencies in microseconds for millions of samples: 100 µs buckets up to
 * {@link #RANGE_US}, one overflow bucket above; values below zero (early) count in bucket 0 and in
 * {@link #early()}. Percentiles are the upper edge of the bucket holding that rank, so they
 * overstate by at most 100 µs (exact for the overflow via {@link #maxUs()}).
 */
public final class LatencyHistogram {
    public static final long BUCKET_US = 100;
    public static final long RANGE_US = 10_000_000;
    private static final int BUCKETS = (int) (RANGE_US / BUCKET_US);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong early = new AtomicLong();
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

    public void record(long us) {
        int bucket;
        if (us < 0) {
            early.incrementAndGet();
            bucket = 0;
        } else {
            bucket = (int) Math.min(BUCKETS, us / BUCKET_US);
        }
        counts.incrementAndGet(bucket);
        total.incrementAndGet();
        max.accumulateAndGet(us, Math::max);
    }

    public long count() {
        return total.get();
    }

    public long early() {
        return early.get();
    }

    public long maxUs() {
        return max.get();
    }

    /** Samples above the given latency. */
    public long above(long us) {
        int from = (int) Math.min(BUCKETS, Math.max(0, us / BUCKET_US + 1));
        long n = 0;
        for (int i = from; i <= BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** Nearest-rank percentile in µs (the bucket's upper edge; the maximum for the overflow bucket). */
    public long percentileUs(double p) {
        long n = total.get();
        if (n == 0) {
            throw new IllegalStateException("no measurements");
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i == BUCKETS ? max.get() : Math.min((i + 1) * BUCKET_US, Math.max(max.get(), 0));
            }
        }
        return max.get();
    }
}
