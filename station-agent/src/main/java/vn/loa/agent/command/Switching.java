package vn.loa.agent.command;

import java.time.Clock;
import java.util.concurrent.locks.LockSupport;

/** Waiting on the station clock between switching steps (amplifier warm-up, relay settle). */
final class Switching {
    private Switching() {
    }

    static void pause(Clock clock, long millis) {
        long until = clock.millis() + millis;
        long remaining;
        while ((remaining = until - clock.millis()) > 0) {
            LockSupport.parkNanos(Math.min(remaining, 50) * 1_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
