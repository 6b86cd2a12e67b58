package vn.loa.agent.player;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds a player thread at one point (just before its first write) until the test opens it: a thread slowed
 * there without a sleep in the test. Used once per stream.
 */
final class FirstWriteGate {
    private final CountDownLatch opened = new CountDownLatch(1);
    /** {@link System#nanoTime()} when the thread came to the gate; 0 before. */
    private final AtomicLong reachedNanos = new AtomicLong();

    /** On the player thread: the first time, waits until opened (at most 5 s, then fails). */
    void pass() {
        if (!reachedNanos.compareAndSet(0, System.nanoTime())) {
            return;
        }
        try {
            if (!opened.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the first-write gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the first-write gate", e);
        }
    }

    /** On the test thread: opens the gate {@code ms} after the player thread came to it (waits at most 10 s). */
    void openAfter(long ms) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> reachedNanos.get() != 0
                && System.nanoTime() - reachedNanos.get() >= TimeUnit.MILLISECONDS.toNanos(ms));
        opened.countDown();
    }
}
