package vn.loa.controller.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;

/**
 * Owns every relay: stores them, and on a periodic check starts a {@link RelaySession} (its own virtual thread)
 * when one of a relay's windows begins, watches running sessions, and cancels them when a relay is deleted or the
 * controller stops. Sessions end by themselves at their window's end.
 */
public final class RelayService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    private static final int NEXT_WINDOWS = 5;

    private final RelayRepository repository;
    private final RelayValidator validator;
    private final UpstreamOpener opener;
    private final Broadcaster broadcaster;
    private final FallbackAudio fallbackAudio;
    private final RelayConfig config;
    private final Clock clock;
    private final Map<Long, Relay> relays = new ConcurrentHashMap<>();
    private final Map<Long, AtomicReference<RelayStatus>> statuses = new ConcurrentHashMap<>();
    private final Map<Long, RelaySession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Occurrence> lastStarted = new ConcurrentHashMap<>();
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closed;
    /** Started by this node's leadership; a standby stores relays but never opens one. */
    private volatile boolean started;
    /** Told on a standby when relays were created or deleted: the leader reloads them (through the database). */
    private volatile Runnable standbyChanged = () -> { };

    public RelayService(RelayRepository repository, RelayValidator validator, Broadcaster broadcaster,
            RelayConfig config, Clock clock) {
        this(repository, validator, broadcaster, FallbackAudio.NONE, config, clock);
    }

    /** @param fallbackAudio where relays' fallback bulletins are read from (docs/relay.md#fallback) */
    public RelayService(RelayRepository repository, RelayValidator validator, Broadcaster broadcaster,
            FallbackAudio fallbackAudio, RelayConfig config, Clock clock) {
        this.fallbackAudio = fallbackAudio;
        this.repository = repository;
        this.validator = validator;
        this.opener = new UpstreamOpener(config);
        this.broadcaster = broadcaster;
        this.config = config;
        this.clock = clock;
    }

    /** This node leads: the active relays are loaded and checked from now on. */
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("relay-scheduler").daemon(true).factory());
        relays.clear();
        lastStarted.clear();
        for (Relay r : repository.findActive()) {
            relays.put(r.id(), r);
        }
        scheduler = s;
        closed = false;
        started = true;
        long every = config.checkEvery().toMillis();
        s.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
        log.info("{} relays loaded", relays.size());
    }

    /** On a standby node, what to do after a relay was created or deleted here. */
    public void whileStandby(Runnable changed) {
        this.standbyChanged = changed;
    }

    /** On the leader: relays created or deleted on another node are taken in (or off air). */
    public void reload() {
        if (!started || closed) {
            return;
        }
        java.util.Map<Long, Relay> active = new java.util.HashMap<>();
        for (Relay r : repository.findActive()) {
            active.put(r.id(), r);
        }
        for (Long id : List.copyOf(relays.keySet())) {
            if (!active.containsKey(id)) {
                relays.remove(id);
                lastStarted.remove(id);
                RelaySession s = sessions.remove(id);
                if (s != null) {
                    s.cancel("RELAY_DELETED");
                }
                log.info("relay {} deleted on another node: taken off", id);
            }
        }
        active.forEach((id, r) -> {
            if (relays.putIfAbsent(id, r) == null) {
                log.info("relay {} '{}' created on another node: taken in", id, r.title());
            }
        });
        checkSoon();
    }

    /** A check now rather than at the next period (while leading). */
    private void checkSoon() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            return;
        }
        try {
            s.execute(this::check);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("relay change after the checks stopped (stepping down or stopping)");
        }
    }

    /** A stored relay and its next windows. */
    public record Created(Relay relay, List<Occurrence> nextWindows) {
    }

    /** Every reason this draft would be refused; empty when it is fine. */
    public List<Problem> problems(RelayDraft draft) {
        return validator.check(draft, LocalDate.ofInstant(clock.instant(), RelayCalendar.VIETNAM)).problems();
    }

    /** @throws Rejection with every reason the draft is refused (400) */
    public Created create(RelayDraft draft, Long accountId) {
        Instant now = clock.instant();
        RelayValidator.Result result = validator.check(draft, LocalDate.ofInstant(now, RelayCalendar.VIETNAM));
        RelayValidator.Valid valid = result.valid().orElseThrow(() -> new Rejection(result.problems()));
        Relay relay = repository.create(valid, accountId, now);
        relays.put(relay.id(), relay);
        List<Occurrence> next = relay.calendar().upcoming(now, NEXT_WINDOWS);
        log.info("relay {} '{}' created: {} to {}; fallback bulletin {}; next window {}", relay.id(), relay.title(),
                relay.url(), relay.targets(), relay.fallbackBulletinId(), next.isEmpty() ? "none" : next.get(0).start());
        if (started) {
            checkSoon();
        } else {
            standbyChanged.run();
        }
        return new Created(relay, next);
    }

    public List<Relay> list() {
        if (!started) { // a standby keeps no relays in memory: the database's
            return repository.findActive().stream().sorted(Comparator.comparingLong(Relay::id)).toList();
        }
        return relays.values().stream().sorted(Comparator.comparingLong(Relay::id)).toList();
    }

    /** A relay, also a deleted one. */
    public Optional<Relay> find(long id) {
        Relay r = relays.get(id);
        return r != null ? Optional.of(r) : repository.find(id);
    }

    public RelayStatus status(long id) {
        AtomicReference<RelayStatus> s = statuses.get(id);
        return s == null ? RelayStatus.idle(null) : s.get();
    }

    public List<Occurrence> nextWindows(Relay relay) {
        return relay.deletedAt() != null ? List.of() : relay.calendar().upcoming(clock.instant(), NEXT_WINDOWS);
    }

    /** Deletes the relay and takes it off air; false when there is no such (undeleted) relay. */
    public boolean delete(long id) {
        if (!repository.delete(id, clock.instant())) {
            return false;
        }
        relays.remove(id);
        lastStarted.remove(id);
        RelaySession s = sessions.remove(id);
        if (s != null) {
            s.cancel("RELAY_DELETED");
        }
        if (!started) {
            standbyChanged.run();
        }
        log.info("relay {} deleted", id);
        return true;
    }

    private void check() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        for (Relay relay : relays.values()) {
            try {
                RelaySession running = sessions.get(relay.id());
                if (running != null && !running.finished()) {
                    running.watch(nanos);
                    continue;
                }
                if (running != null) {
                    sessions.remove(relay.id(), running);
                }
                Optional<Occurrence> window = relay.calendar().current(now);
                if (window.isEmpty() || window.get().equals(lastStarted.get(relay.id()))) {
                    continue;
                }
                lastStarted.put(relay.id(), window.get());
                RelaySession session = new RelaySession(relay, window.get(), config, opener, broadcaster, fallbackAudio,
                        clock,
                        statuses.computeIfAbsent(relay.id(), k -> new AtomicReference<>(RelayStatus.idle(now))));
                sessions.put(relay.id(), session);
                session.start();
            } catch (RuntimeException e) {
                log.error("relay {}: check failed: {}", relay.id(), e.toString(), e);
            }
        }
    }

    /**
     * Stops the checks, takes every relay off air and waits briefly for the sessions to end (this node stops
     * leading, or the controller stops); {@link #start} may follow.
     */
    @Override
    public void close() {
        closed = true;
        started = false;
        ScheduledExecutorService checks = scheduler;
        scheduler = null;
        if (checks != null) {
            checks.shutdownNow();
            try {
                if (!checks.awaitTermination(2, TimeUnit.SECONDS)) {
                    log.warn("the relay check did not end within 2 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<RelaySession> running = new ArrayList<>(sessions.values());
        running.forEach(s -> s.cancel("CONTROLLER_STOPPING"));
        for (RelaySession s : running) {
            try {
                if (!s.join(Duration.ofSeconds(5))) {
                    log.warn("a relay session did not end within 5 s of the controller stopping");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sessions.clear();
        relays.clear(); // a standby reads them from the database
    }
}
