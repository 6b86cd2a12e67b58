package vn.loa.controller.cap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's job that ends aired CAP alerts at their {@code expires} (docs/integration.md#cap-12-alerts). The
 * expiry is stored with the alert (migration V26), never held in memory only: every {@link #PERIOD} the job reads
 * the alerts whose end has come and no one has ended yet, stops their announcements and records when — so an expiry
 * due while the controller was down, or while another node led, is carried out by whichever node leads next
 * (late, but never forgotten). Registered with {@code LeaderJobs}; owns one scheduler thread, from
 * {@link #start()} to {@link #close()}.
 */
public final class CapExpiries implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CapExpiries.class);
    /** How often the due expiries are looked for: an alert ends at most this late. */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    private final CapRepository repository;
    private final CapAnnouncer announcer;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledExecutorService timer;

    public CapExpiries(CapRepository repository, CapAnnouncer announcer, Clock clock) {
        this.repository = repository;
        this.announcer = announcer;
        this.clock = clock;
    }

    public void start() {
        lock.lock();
        try {
            if (timer != null) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cap-expiry").daemon().factory());
            timer.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Ends every alert whose expiry has come; returns how many it ended. */
    int endDue() {
        Instant now = clock.instant();
        int ended = 0;
        for (CapRepository.DueExpiry due : repository.dueExpiries(now)) {
            boolean stopped = announcer.stop(due.announcementId(), "CAP alert " + due.identifier() + " expired");
            if (repository.expired(due.id(), now)) {
                ended++;
                log.info("CAP alert {} (record {}) expired at {}: announcement {} {}", due.identifier(), due.id(),
                        due.expiresAt(), due.announcementId(), stopped ? "stopped" : "had already ended");
            }
        }
        return ended;
    }

    private void runOnce() {
        try {
            endDue();
        } catch (RuntimeException e) {
            // a failing database must not end the periodic job: logged, and tried again next period
            log.error("CAP expiries: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (timer != null) {
                timer.shutdownNow();
                timer = null; // a node that leads again starts a new one
            }
        } finally {
            lock.unlock();
        }
    }
}
