package vn.loa.hardware.switching;

import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** How a switching sequence waits for an instant (warm-up, settle); tests substitute one that moves a fake clock. */
@FunctionalInterface
public interface Pause {
    /** Returns at {@code epochMs} on the station clock, or earlier when the wait is called off. */
    void until(long epochMs);

    /**
     * Parks in steps of at most 50 ms, re-reading the clock each time (a station clock may be adjusted
     * meanwhile), until the instant comes, {@code goOn} turns false or the thread is interrupted.
     * Precise to about a millisecond.
     */
    static Pause parking(Clock clock, BooleanSupplier goOn) {
        return epochMs -> {
            long remaining;
            while ((remaining = epochMs - clock.millis()) > 0 && goOn.getAsBoolean()
                    && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(Math.min(remaining, 50) * 1_000_000L);
            }
        };
    }
}
