package vn.loa.bench.load;

import java.time.Instant;

/**
 * Epoch microseconds on the controller's clock (same machine: the wall clock, which is what the controller's
 * {@code Clock.systemUTC()} reads). It is read afresh every time rather than anchored once to
 * {@link System#nanoTime()}: a wall clock being corrected runs at another rate than the monotonic one (seen
 * on a VM here: 5,000 ppm, 5 ms a second), so an anchored clock drifts from the controller's by as much
 * over a run. A load worker's clock carries the offset to the harness's clock measured over its control
 * pipe, so that every instant it reports is already on the harness's clock.
 */
public final class BenchClock {
    private final long offsetUs;

    public BenchClock() {
        this(0);
    }

    private BenchClock(long offsetUs) {
        this.offsetUs = offsetUs;
    }

    /** The same clock plus {@code offsetUs} (the harness's clock minus this one). */
    public BenchClock shifted(long offsetUs) {
        return new BenchClock(this.offsetUs + offsetUs);
    }

    public long nowUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000 + offsetUs;
    }

    public long nowMs() {
        return nowUs() / 1000;
    }

    public long offsetUs() {
        return offsetUs;
    }
}
