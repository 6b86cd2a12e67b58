package vn.loa.controller.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.storage.UninterruptedStop;

/**
 * Delivers the outbox, a leader job (docs/integration.md#delivery): each pass takes every live endpoint that is not
 * resting, sends its waiting messages in queue order, signed, with their idempotency keys, and stops at the first
 * failure — the endpoint then rests as {@link RetrySchedule} says, and after {@code alarmAfter} consecutive failures
 * raises the controller's alarm {@link AlarmKind#OUTBOUND_ENDPOINT_DOWN}, which clears once it answers again.
 * Everything it knows is in the database, so a restarted or newly elected controller carries on where it stopped.
 * Every hour it also deletes the messages done more than {@link #RETENTION} ago ({@link #prune()}). Owns its one
 * thread; {@link #runOnce()} is one pass (tests call it directly).
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** The controller's own alarms are kept under station 0 (as relays' are). */
    public static final long CONTROLLER = 0;
    private static final int BATCH = 100;
    /** How long a delivered (or refused) message is kept: the endpoints' delivery counts cover this period. */
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final OutboxRepository repository;
    private final Push push;
    private final RetrySchedule retries;
    private final AlarmService alarms;
    private final int alarmAfter;
    private final Duration tick;
    private final Clock clock;
    private ScheduledExecutorService thread;
    private volatile boolean stopping;

    public OutboxSender(OutboxRepository repository, Push push, RetrySchedule retries, AlarmService alarms,
            int alarmAfter, Duration tick, Clock clock) {
        this.repository = repository;
        this.push = push;
        this.retries = retries;
        this.alarms = alarms;
        this.alarmAfter = alarmAfter;
        this.tick = tick;
        this.clock = clock;
    }

    public void start() {
        stopping = false; // a node that stood by leads again
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-sender").daemon().factory());
        thread.scheduleWithFixedDelay(this::pass, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> {
            try {
                prune();
            } catch (RuntimeException e) {
                log.error("outbox: pruning the messages done failed: {}", e.toString(), e);
            }
        }, 1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** Deletes the messages done more than {@link #RETENTION} ago. @return how many */
    public int prune() {
        int n = repository.pruneDone(clock.instant().minus(RETENTION));
        if (n > 0) {
            log.info("outbox: {} messages done more than {} days ago deleted", n, RETENTION.toDays());
        }
        return n;
    }

    public void stop() {
        stopping = true;
        if (thread != null) {
            if (!UninterruptedStop.stop(thread, Duration.ofSeconds(20))) {
                log.warn("outbox sender still running 20 s into the stop");
            }
        }
    }

    /** Asks for a pass soon (after a message was queued), without waiting for the next tick. */
    public void wake() {
        ScheduledExecutorService t = thread;
        if (t != null && !t.isShutdown()) {
            try {
                t.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopped meanwhile: the next leader's sender delivers it
            }
        }
    }

    private void pass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("outbox: a delivery pass failed: {}", e.toString(), e);
        }
    }

    /** One pass over every live endpoint. @return how many messages were delivered */
    public int runOnce() {
        int delivered = 0;
        Map<AlarmKey, String> down = new HashMap<>();
        for (OutboundEndpoint endpoint : repository.live()) {
            Instant now = clock.instant();
            int failures = endpoint.failures();
            if (endpoint.due(now)) {
                Attempts a = deliver(endpoint);
                delivered += a.delivered();
                failures = a.failures();
            }
            if (failures >= alarmAfter) {
                down.put(new AlarmKey(AlarmKind.OUTBOUND_ENDPOINT_DOWN, Long.toString(endpoint.id())),
                        endpoint.purpose() + " endpoint " + endpoint.url().getHost() + ": " + failures
                                + " failed attempts in a row");
            }
        }
        alarms.assess(CONTROLLER, Set.of(AlarmKind.OUTBOUND_ENDPOINT_DOWN), down);
        return delivered;
    }

    private record Attempts(int delivered, int failures) {
    }

    private Attempts deliver(OutboundEndpoint endpoint) {
        int delivered = 0;
        for (OutboxEntry entry : repository.pending(endpoint.id(), BATCH)) {
            if (stopping) {
                break; // the next leader carries on from the database
            }
            byte[] body = entry.body().getBytes(StandardCharsets.UTF_8);
            Verdict verdict;
            String error;
            try {
                int status = push.send(endpoint.url(), entry.key(), Signature.sign(endpoint.secret(), body), body);
                verdict = Verdict.of(status);
                error = verdict == Verdict.DELIVERED ? null : "HTTP " + status;
            } catch (IOException e) {
                verdict = Verdict.RETRY;
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempts(delivered, endpoint.failures());
            }
            Instant now = clock.instant();
            repository.attempted(entry, verdict, error, now);
            if (verdict == Verdict.RETRY) {
                int failures = endpoint.failures() + 1;
                Instant next = now.plus(retries.after(failures));
                repository.endpointFailed(endpoint.id(), failures, next, error);
                log.warn("outbox: {} endpoint {} ({}) failed ({} in a row), next attempt at {}: {} [key {}]",
                        endpoint.purpose(), endpoint.id(), endpoint.url().getHost(), failures, next, error, entry.key());
                return new Attempts(delivered, failures);
            }
            if (verdict == Verdict.REFUSED) {
                log.error("outbox: {} endpoint {} ({}) refused message {} for good: {}; set aside", endpoint.purpose(),
                        endpoint.id(), endpoint.url().getHost(), entry.key(), error);
            } else {
                delivered++;
            }
            if (endpoint.failures() != 0) {
                repository.endpointAnswered(endpoint.id());
                endpoint = new OutboundEndpoint(endpoint.id(), endpoint.purpose(), endpoint.url(), endpoint.secret(),
                        endpoint.events(), 0, null, endpoint.lastError(), endpoint.createdAt());
                log.info("outbox: {} endpoint {} ({}) answers again", endpoint.purpose(), endpoint.id(),
                        endpoint.url().getHost());
            }
        }
        return new Attempts(delivered, endpoint.failures());
    }
}
