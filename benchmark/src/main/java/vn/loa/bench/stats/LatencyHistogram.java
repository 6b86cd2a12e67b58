package vn.loa.bench.stats;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe histogram of latencies in microseconds for millions of samples: 100 µs buckets up to
 * {@link #RANGE_US}, one overflow bucket above; values below zero (early) count in bucket 0 and in
 * {@link #early()}. Percentiles are the upper edge of the bucket holding that rank, so they
 * overstate by at most 100 µs (exact for the overflow via {@link #maxUs()}). Histograms of several
 * load processes are summed bucket by bucket ({@link #merge}, {@link #add(Snapshot)}); a
 * {@link Snapshot} is the serialised form that crosses the control pipe of a load worker.
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

    /**
     * The histogram as data: the bucket width, the totals, and the non-empty buckets as flattened
     * (index, count) pairs, so that a mostly empty histogram of 100,001 buckets stays small on the wire.
     *
     * @param maxUs {@link Long#MIN_VALUE} when empty
     */
    public record Snapshot(long bucketUs, long rangeUs, long total, long early, long maxUs, long[] buckets) {
        public Snapshot {
            buckets = buckets == null ? new long[0] : buckets.clone();
        }

        @Override
        public long[] buckets() {
            return buckets.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && bucketUs == s.bucketUs && rangeUs == s.rangeUs && total == s.total
                    && early == s.early && maxUs == s.maxUs && Arrays.equals(buckets, s.buckets);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(total) * 31 + Arrays.hashCode(buckets);
        }

        @Override
        public String toString() {
            return "Snapshot[total=" + total + ", early=" + early + ", maxUs=" + maxUs + ", buckets="
                    + buckets.length / 2 + " non-empty]";
        }
    }

    /** A consistent copy when nothing records concurrently (after the feed); non-empty buckets only. */
    public Snapshot snapshot() {
        long[] pairs = new long[16];
        int n = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            long c = counts.get(i);
            if (c != 0) {
                if (n + 2 > pairs.length) {
                    pairs = Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[n++] = i;
                pairs[n++] = c;
            }
        }
        return new Snapshot(BUCKET_US, RANGE_US, total.get(), early.get(), max.get(), Arrays.copyOf(pairs, n));
    }

    /**
     * Adds another histogram's counts to this one (bucket-wise sum; the maximum of the maxima).
     *
     * @throws IllegalArgumentException when the snapshot is of another bucket layout or inconsistent;
     *                                  this histogram is then left unchanged
     */
    public void add(Snapshot s) {
        if (s.bucketUs() != BUCKET_US || s.rangeUs() != RANGE_US) {
            throw new IllegalArgumentException("histogram of " + s.bucketUs() + " µs buckets up to " + s.rangeUs()
                    + " µs cannot be merged into one of " + BUCKET_US + " µs up to " + RANGE_US + " µs");
        }
        long[] b = s.buckets();
        if (b.length % 2 != 0) {
            throw new IllegalArgumentException("histogram buckets must be (index, count) pairs, got " + b.length + " numbers");
        }
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            if (b[i] < 0 || b[i] > BUCKETS || b[i + 1] < 0) {
                throw new IllegalArgumentException("histogram bucket " + b[i] + " with count " + b[i + 1]
                        + " is outside 0.." + BUCKETS + " or negative");
            }
            sum += b[i + 1];
        }
        if (sum != s.total() || s.early() < 0 || s.early() > s.total() || (s.total() > 0 && s.maxUs() == Long.MIN_VALUE)) {
            throw new IllegalArgumentException("inconsistent histogram: buckets sum to " + sum + " but total is "
                    + s.total() + " (early " + s.early() + ", max " + s.maxUs() + ")");
        }
        for (int i = 0; i < b.length; i += 2) {
            counts.addAndGet((int) b[i], b[i + 1]);
        }
        total.addAndGet(s.total());
        early.addAndGet(s.early());
        if (s.total() > 0) {
            max.accumulateAndGet(s.maxUs(), Math::max);
        }
    }

    /** Adds another histogram's counts to this one. */
    public void merge(LatencyHistogram other) {
        add(other.snapshot());
    }
}
