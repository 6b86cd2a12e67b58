package vn.loa.bench.stats;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of measurements (the value at rank ceil(p/100 × n)). */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return new Percentiles(a);
    }

    public static Percentiles of(long... values) {
        long[] a = values.clone();
        Arrays.sort(a);
        return new Percentiles(a);
    }

    public int count() {
        return sorted.length;
    }

    /** The p-th percentile, 0 < p ≤ 100; refused on an empty set. */
    public long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no measurements");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public long min() {
        return at(Double.MIN_VALUE);
    }

    public long max() {
        return at(100);
    }
}
