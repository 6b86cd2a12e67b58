package vn.loa.controller.cap;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes CAP alerts (docs/integration.md#cap-12-alerts): parses and validates, lets {@link CapPlanner} decide, stores
 * every alert with what became of it, and carries the decision out through the {@link CapAnnouncer}: an alert airs
 * (an Update first stops the announcements of the alerts it references), a Cancel stops, an untrusted caller's
 * alert waits for a reviewer. An aired alert's {@code expires} is stored with it, and the leader's
 * {@link CapExpiries} job stops it then (surviving a restart and a failover). Thin: the decisions are the planner's.
 * Blocking; owns no thread.
 */
public final class CapIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CapIntake.class);

    /** What became of one alert. */
    public record Outcome(CapRecord record, CapDecision decision) {
    }

    private final CapParser parser;
    private final CapPlanner planner;
    private final CapRepository repository;
    private final CapAnnouncer announcer;
    private final Supplier<List<CapTargeting.StationPlace>> stations;
    private final GsoAreas gso;
    private final Clock clock;

    public CapIntake(CapParser parser, CapPlanner planner, CapRepository repository, CapAnnouncer announcer,
            Supplier<List<CapTargeting.StationPlace>> stations, GsoAreas gso, Clock clock) {
        this.parser = parser;
        this.planner = planner;
        this.repository = repository;
        this.announcer = announcer;
        this.stations = stations;
        this.gso = gso;
        this.clock = clock;
    }

    /**
     * One posted alert. {@code trusted}: whether the authenticated caller may air alerts without review.
     *
     * @throws CapRejected when it is not well-formed, not schema-valid or not usable (the validator's message)
     */
    public Outcome take(byte[] xml, Long accountId, boolean trusted) throws InterruptedException {
        CapAlert alert = parser.parse(xml);
        Instant now = clock.instant();
        CapDecision decision = planner.decide(alert, trusted, stations.get(), gso, now);
        String text = new String(xml, StandardCharsets.UTF_8);
        boolean waits = decision instanceof CapDecision.Broadcast b && b.needsApproval()
                || decision instanceof CapDecision.Stop s && s.needsApproval();
        long id = repository.insert(alert, text, accountId, now, trusted,
                waits ? CapRecord.State.PENDING_APPROVAL : CapRecord.State.NOT_BROADCAST, describe(decision));
        log.info("CAP alert {} ({} {}, from account {}, {}): {}", alert.identifier(), alert.status(), alert.msgType(),
                accountId, trusted ? "trusted" : "untrusted", describe(decision));
        if (!waits) {
            carryOut(id, decision, accountId);
        }
        return new Outcome(repository.find(id).orElseThrow(), decision);
    }

    /** A reviewer lets a pending alert air (decided again now: it may have expired meanwhile). */
    public Outcome approve(long id, Long reviewerId, String reviewer) throws InterruptedException {
        CapRecord r = pending(id);
        CapAlert alert = parser.parse(repository.xml(id).orElseThrow().getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant();
        repository.reviewed(id, reviewer, now);
        CapDecision decision = planner.decide(alert, true, stations.get(), gso, now);
        log.info("CAP alert {} (record {}) approved by {}: {}", r.identifier(), id, reviewer, describe(decision));
        carryOut(id, decision, reviewerId);
        return new Outcome(repository.find(id).orElseThrow(), decision);
    }

    public CapRecord reject(long id, String reviewer, String note) {
        CapRecord r = pending(id);
        repository.reviewed(id, reviewer, clock.instant());
        repository.settle(id, CapRecord.State.REJECTED, note == null || note.isBlank() ? "rejected by " + reviewer
                : "rejected by " + reviewer + ": " + note, null);
        log.info("CAP alert {} (record {}) rejected by {}", r.identifier(), id, reviewer);
        return repository.find(id).orElseThrow();
    }

    public java.util.Optional<CapRecord> find(long id) {
        return repository.find(id);
    }

    public List<CapRecord> recent(int limit) {
        return repository.recent(limit);
    }

    private CapRecord pending(long id) {
        CapRecord r = repository.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no CAP alert " + id));
        if (r.state() != CapRecord.State.PENDING_APPROVAL) {
            throw new IllegalStateException("CAP alert " + id + " is " + r.state() + ", not waiting for approval");
        }
        return r;
    }

    private void carryOut(long id, CapDecision decision, Long accountId) throws InterruptedException {
        switch (decision) {
            case CapDecision.NotBroadcast n -> repository.settle(id, CapRecord.State.NOT_BROADCAST, describe(n), null);
            case CapDecision.Stop s -> repository.settle(id, CapRecord.State.STOPPED,
                    "stopped announcements " + stopAll(s.stops(), "cancelled by CAP alert " + s.identifier()), null);
            case CapDecision.Broadcast b -> {
                List<Long> stopped = stopAll(b.replaces(), "updated by CAP alert " + b.identifier());
                CapAnnouncer.Announced announced;
                try {
                    announced = announcer.announce(b, accountId);
                } catch (CapRejected e) {
                    repository.settle(id, CapRecord.State.NOT_BROADCAST, "cannot announce: " + e.getMessage(), null);
                    throw e;
                }
                long announcement = announced.announcementId();
                repository.tagAnnouncement(announcement, b.identifier());
                repository.settle(id, CapRecord.State.AIRED, describe(b)
                        + (stopped.isEmpty() ? "" : "; stopped announcements " + stopped)
                        + (announced.fallback() == null ? "" : "; text spoken instead of the audio resource: "
                                + announced.fallback()), announcement);
                if (b.expires() != null) {
                    repository.expiresAt(id, b.expires()); // ended then by the leader's CapExpiries job
                }
            }
        }
    }

    private List<Long> stopAll(List<String> identifiers, String reason) {
        List<Long> stopped = new ArrayList<>();
        for (String ref : identifiers) {
            for (long a : repository.announcementsOf(ref)) {
                if (announcer.stop(a, reason)) {
                    stopped.add(a);
                    log.info("announcement {}: {}", a, reason);
                }
            }
        }
        return stopped;
    }

    static String describe(CapDecision d) {
        return switch (d) {
            case CapDecision.Broadcast b -> (b.needsApproval() ? "waits for approval: " : "") + b.priority() + " to stations "
                    + new java.util.TreeSet<>(b.stationIds()) + (b.replaces().isEmpty() ? "" : ", replacing " + b.replaces())
                    + (b.expires() == null ? "" : ", until " + b.expires());
            case CapDecision.Stop s -> (s.needsApproval() ? "waits for approval: " : "") + "cancels " + s.stops();
            case CapDecision.NotBroadcast n -> n.reason() + ": " + n.detail();
        };
    }

    /** Nothing to free: intake owns no thread (expiries are the leader's {@link CapExpiries} job). */
    @Override
    public void close() {
    }
}
