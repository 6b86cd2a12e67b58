package vn.loa.bench.load;

/**
 * Epoch microseconds from the monotonic clock: wall time read once, then advanced by
 * {@link System#nanoTime()}, so arrival stamps are cheap, monotonic and on the controller's clock
 * (same machine).
 */
public final class BenchClock {
    private final long baseEpochUs;
    private final long baseNanos;

    public BenchClock() {
        long ms = System.currentTimeMillis();
        long nanos = System.nanoTime();
        this.baseEpochUs = ms * 1000;
        this.baseNanos = nanos;
    }

    public long nowUs() {
        return baseEpochUs + (System.nanoTime() - baseNanos) / 1000;
    }

    public long nowMs() {
        return nowUs() / 1000;
    }
}
