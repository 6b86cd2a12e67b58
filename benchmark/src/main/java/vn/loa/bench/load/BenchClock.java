package vn.loa.bench.load;

import java.time.Instant;

/**
 * Epoch microseconds from the monotonic clock: wall time read once, then advanced by
 * {@link System#nanoTime()}, so arrival stamps are cheap, monotonic and on the controller's clock
 * (same machine). A load worker's clock carries the offset to the harness's clock measured over its
 * control pipe, so that every instant it reports is already on the harness's clock.
 */
public final class BenchClock {
    private final long baseEpochUs;
    private final long baseNanos;
    private final long offsetUs;

    public BenchClock() {
        Instant now = Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseEpochUs = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        this.offsetUs = 0;
    }

    private BenchClock(long baseEpochUs, long baseNanos, long offsetUs) {
        this.baseEpochUs = baseEpochUs;
        this.baseNanos = baseNanos;
        this.offsetUs = offsetUs;
    }

    /** The same clock plus {@code offsetUs} (the harness's clock minus this one). */
    public BenchClock shifted(long offsetUs) {
        return new BenchClock(baseEpochUs, baseNanos, this.offsetUs + offsetUs);
    }

    public long nowUs() {
        return baseEpochUs + offsetUs + (System.nanoTime() - baseNanos) / 1000;
    }

    public long nowMs() {
        return nowUs() / 1000;
    }

    public long offsetUs() {
        return offsetUs;
    }
}
