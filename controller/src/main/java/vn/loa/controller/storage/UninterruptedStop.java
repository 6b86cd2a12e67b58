package vn.loa.controller.storage;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a background executor that may be inside a database call without ever interrupting it: an interrupt
 * inside an H2 file operation closes the whole database (h2database #227), so the executor is shut down (no new
 * work) and given time to finish what it runs, never {@code shutdownNow()}.
 */
public final class UninterruptedStop {

    private UninterruptedStop() {
    }

    /**
     * Shuts the executor down and waits up to {@code wait} for its running work to end.
     *
     * @return true when it ended in time; false when work is still running (the caller says so in its log) or the
     *         calling thread was interrupted while waiting (its interrupt flag is set again)
     */
    public static boolean stop(ExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
