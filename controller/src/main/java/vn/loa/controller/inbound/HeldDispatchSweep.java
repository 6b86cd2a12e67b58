package vn.loa.controller.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.UninterruptedStop;

/**
 * A leader job that finishes the inbound dispatches a stopped controller left between a reviewer's decision and the
 * dispatch ({@link InboundBulletins#resume}): at once when the leader starts, then every {@link #PERIOD} (a node that
 * stopped mid-decision while another node leads). A release claimed less than {@link #GRACE} ago is left to the node
 * that claimed it. Owns one scheduler thread, from {@link #start()} to {@link #stop()}.
 */
public final class HeldDispatchSweep {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(HeldDispatchSweep.class);

    private final InboundBulletins inbound;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledExecutorService timer;

    public HeldDispatchSweep(InboundBulletins inbound, Clock clock) {
        this.inbound = inbound;
        this.clock = clock;
    }

    public void start() {
        lock.lock();
        try {
            if (timer != null) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("inbound-held-dispatches").daemon().factory());
            timer.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void runOnce() {
        try {
            int finished = inbound.resume(clock.instant().minus(GRACE));
            if (finished > 0) {
                log.info("inbound dispatches: finished {} left undone by a stopped controller", finished);
            }
        } catch (RuntimeException e) {
            // a failing database must not end the periodic job: logged, and tried again next period
            log.error("inbound dispatches left undone: {}", e.toString(), e);
        }
    }

    public void stop() {
        lock.lock();
        try {
            if (timer != null && !UninterruptedStop.stop(timer, Duration.ofSeconds(10))) {
                log.warn("inbound dispatches: the sweep did not stop within 10 s");
            }
            timer = null;
        } finally {
            lock.unlock();
        }
    }
}
