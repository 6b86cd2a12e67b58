package vn.loa.controller.area.change;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's job that makes pending area changes at their instant (a leader job: started and stopped by
 * {@code LeaderJobs}, so nothing of it runs on a standby). At start it makes those whose instant passed while
 * no leader ran; then it sleeps until the next change's instant, at most {@link #LOOK_AT_LEAST_EVERY} (a change
 * dated on another node is seen within it). When changes were made, {@code onMade} runs — the stations' plans
 * are rebuilt then, and not before. Its timer is its own thread, created at start and freed at stop.
 */
public final class AreaChangeJob {
    public static final Duration LOOK_AT_LEAST_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(AreaChangeJob.class);

    private final PendingAreaChanges pending;
    private final Clock clock;
    private final Runnable onMade;
    private final Duration atMost;
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> next;

    public AreaChangeJob(PendingAreaChanges pending, Clock clock, Runnable onMade) {
        this(pending, clock, onMade, LOOK_AT_LEAST_EVERY);
    }

    AreaChangeJob(PendingAreaChanges pending, Clock clock, Runnable onMade, Duration atMost) {
        this.pending = pending;
        this.clock = clock;
        this.onMade = onMade;
        this.atMost = atMost;
    }

    public void start() {
        lock.lock();
        try {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("area-changes")
                        .daemon().factory());
                lookIn(Duration.ZERO);
            }
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        lock.lock();
        try {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
                next = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A change was just dated: look again now (on a standby, where the job does not run, nothing). */
    public void wake() {
        lock.lock();
        try {
            if (timer != null) {
                lookIn(Duration.ZERO);
            }
        } finally {
            lock.unlock();
        }
    }

    private void lookIn(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.schedule(this::look, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            List<PendingAreaChanges.Settled> settled = pending.applyDue();
            if (settled.stream().anyMatch(s -> s.result().isPresent())) {
                onMade.run();
            }
        } catch (RuntimeException e) {
            log.error("pending area changes could not be made; trying again within {} s: {}", atMost.toSeconds(),
                    e.toString(), e);
        }
        lock.lock(); // read under the lock: a change dated meanwhile is either read here or wakes the timer after
        try {
            if (timer != null && !timer.isShutdown()) {
                Duration again = atMost;
                try {
                    again = ChangeTiming.nextLook(pending.waiting(), clock.instant(), atMost);
                } catch (RuntimeException e) {
                    log.error("pending area changes could not be read; trying again in {} s: {}", atMost.toSeconds(),
                            e.toString(), e);
                }
                // a timer that fired a little early (the wall clock runs apart from the timer's) looks again soon
                lookIn(again.isZero() ? Duration.ofMillis(50) : again);
            }
        } finally {
            lock.unlock();
        }
    }
}
