package vn.loa.hardware.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the station safe when the JVM exits without an orderly close (SIGTERM, an uncaught error on
 * the main thread): a shutdown hook that runs the hardware's idempotent close. Closing this resource
 * after an orderly close removes the hook again.
 */
final class ShutdownHook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShutdownHook.class);

    private Thread thread;

    synchronized void arm(Runnable action) {
        thread = new Thread(action, "hardware-safe-on-exit");
        Runtime.getRuntime().addShutdownHook(thread);
    }

    @Override
    public synchronized void close() {
        if (thread == null || Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) close, which is idempotent
            log.debug("shutdown in progress, hook stays: {}", e.getMessage());
        }
        thread = null;
    }

    @Override
    public String toString() {
        return "shutdown hook";
    }
}
