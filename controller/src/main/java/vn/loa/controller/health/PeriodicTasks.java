package vn.loa.controller.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring's clockwork: one timer thread that only hands each task to the blocking executor
 * (tasks touch the database), never running two rounds of the same task at once.
 */
public final class PeriodicTasks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTasks.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("monitoring-timer").daemon(true).factory());
    private final ExecutorService blocking;

    public PeriodicTasks(ExecutorService blocking) {
        this.blocking = blocking;
    }

    public PeriodicTasks every(Duration period, String name, Runnable task) {
        AtomicBoolean running = new AtomicBoolean();
        timer.scheduleWithFixedDelay(() -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            try {
                blocking.execute(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.error("{} failed: {}", name, e.toString(), e);
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                running.set(false);
                log.debug("{} skipped: the controller is stopping", name);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
