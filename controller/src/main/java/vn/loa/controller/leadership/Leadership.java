package vn.loa.controller.leadership;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.StorageException;

/**
 * Whether this controller node leads, and the loop that keeps it so: every {@link LeasePolicy#tickEvery}
 * the {@code leadership} thread reads the lease row with the database's clock, asks {@link LeasePolicy},
 * and takes over, renews, stands by or steps down. Taking over starts the {@link LeaderJobs}; stepping
 * down stops them first, then tells the owner. When every job is restartable (they all are), the node
 * stands by in its process and may take over again; otherwise it is retired and the owner ends the
 * process (a supervisor starts it again as a standby). On H2 ({@link #single}) the one node always leads.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final LeaseStore store;
    private final LeasePolicy policy;
    private final String node;
    private final Supplier<String> agentAddress;
    private final LeaderJobs jobs;
    private final Clock clock;
    private final Consumer<LeaseDecision.Cause> onStepDown;
    private final ScheduledExecutorService loop;
    private volatile Term term;
    private volatile Lease lastSeen = Lease.vacant();
    /** The leader's jobs have started (the first plan rebuild done): station links may be taken. */
    private volatile boolean serving;
    /** Closed, or stepped down with jobs that cannot start again: this node does not lead again in this process. */
    private volatile boolean retired;

    private Leadership(LeaseStore store, LeasePolicy policy, String node, Supplier<String> agentAddress,
            LeaderJobs jobs, Clock clock, Consumer<LeaseDecision.Cause> onStepDown) {
        this.store = store;
        this.policy = policy;
        this.node = node;
        this.agentAddress = agentAddress;
        this.jobs = jobs;
        this.clock = clock;
        this.onStepDown = onStepDown;
        this.loop = store == null ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("leadership").daemon(true).factory());
    }

    /** One node alone on its database (H2): it leads from {@link #start} to {@link #close}. */
    public static Leadership single(String node, LeaderJobs jobs) {
        return new Leadership(null, null, node, () -> "", jobs, Clock.systemUTC(), cause -> { });
    }

    /**
     * A node of a cluster on one PostgreSQL database.
     *
     * @param agentAddress where stations reach this node's agent port ({@code host:port}), asked at each take-over
     * @param onStepDown   called once, on the leadership thread, after the jobs stopped
     */
    public static Leadership clustered(LeaseStore store, LeasePolicy policy, String node, Supplier<String> agentAddress,
            LeaderJobs jobs, Clock clock, Consumer<LeaseDecision.Cause> onStepDown) {
        return new Leadership(store, policy, node, agentAddress, jobs, clock, onStepDown);
    }

    public void start() {
        if (loop == null) {
            term = new Term(1, Instant.MAX);
            jobs.startAll();
            serving = true;
            return;
        }
        loop.scheduleWithFixedDelay(this::tickQuietly, 0, policy.tickEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when this node, having lost the lease, stands by in its process (every leader job restartable). */
    public boolean standsByAfterStepDown() {
        return jobs.allRestartable();
    }

    public String node() {
        return node;
    }

    /** True while this node holds the lease by its own clock (a paused leader stops counting itself one). */
    public boolean isLeader() {
        Term t = term;
        return t != null && clock.instant().isBefore(t.validUntil());
    }

    /**
     * True while this node leads and its jobs run: a station welcomed before the first plan rebuild would
     * be sent an empty plan (and forget what it played), so the gateway takes links only from then on.
     */
    public boolean isServing() {
        return serving && isLeader();
    }

    /** This node's fencing token while it leads. */
    public OptionalLong generation() {
        Term t = term;
        return t == null ? OptionalLong.empty() : OptionalLong.of(t.generation());
    }

    /** The leader as last read from the lease row (this node when it leads; vacant before the first read). */
    public Lease leader() {
        return lastSeen;
    }

    /** The fence of this node's current term, for the writes only the leader may make. */
    public Fence fence() {
        if (loop == null) {
            return Fence.NONE;
        }
        return c -> LeaseStore.check(c, generation());
    }

    private void tickQuietly() {
        if (retired) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("leadership tick failed: {}", e.toString(), e);
        }
    }

    /** One round of the loop; on the leadership thread only. */
    void tick() {
        Instant sent = clock.instant();
        Optional<Term> current = Optional.ofNullable(term);
        LeaseStore.Reading reading;
        try {
            reading = store.read();
        } catch (StorageException e) {
            log.warn("the lease could not be read ({}){}", e.getMessage(), current.isPresent() ? "; still leading until "
                    + current.get().validUntil() : "");
            policy.unreachable(current, clock.instant()).ifPresent(d -> stepDown(((LeaseDecision.StepDown) d).cause()));
            return;
        }
        lastSeen = reading.lease();
        LeaseDecision decision = policy.decide(reading.lease(), node, current, reading.now());
        try {
            switch (decision) {
                case LeaseDecision.TakeOver t -> takeOver(t, sent);
                case LeaseDecision.Renew r -> {
                    if (store.renew(node, r)) {
                        term = new Term(r.generation(), policy.termUntil(sent));
                    } else {
                        stepDown(LeaseDecision.Cause.LEASE_TAKEN);
                    }
                }
                case LeaseDecision.StandBy s -> { }
                case LeaseDecision.StepDown s -> stepDown(s.cause());
            }
        } catch (StorageException e) {
            log.warn("the lease could not be written ({})", e.getMessage());
            policy.unreachable(current, clock.instant()).ifPresent(d -> stepDown(((LeaseDecision.StepDown) d).cause()));
        }
    }

    private void takeOver(LeaseDecision.TakeOver t, Instant sent) {
        if (!store.takeOver(node, agentAddress.get(), t)) {
            log.info("another node took the lease over first (generation {} was {} when read)", t.generation(),
                    t.expectedGeneration());
            return;
        }
        term = new Term(t.generation(), policy.termUntil(sent));
        lastSeen = new Lease(node, agentAddress.get(), t.generation(), t.expiresAt());
        log.info("node {} leads (generation {}): starting the leader's jobs", node, t.generation());
        jobs.startAll();
        serving = true;
        log.info("leader's jobs running: {}", jobs.running());
    }

    private void stepDown(LeaseDecision.Cause cause) {
        Term was = term;
        term = null;
        serving = false;
        boolean standBy = jobs.allRestartable();
        retired = !standBy;
        log.error("node {} stops leading (generation {}): {}; stopping the leader's jobs{}", node,
                was == null ? "-" : was.generation(), cause, standBy ? "; it stands by and may lead again" : "");
        jobs.stopAll();
        onStepDown.accept(cause);
    }

    /** Stops the loop and the jobs; a leader hands its lease back, so a standby takes over at its next tick. */
    @Override
    public void close() {
        retired = true;
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Term was = term;
        term = null;
        serving = false;
        jobs.closeAll();
        if (loop != null && was != null) {
            try {
                store.release(node, was.generation());
                log.info("node {} handed the lease back (generation {})", node, was.generation());
            } catch (StorageException e) {
                log.warn("the lease could not be handed back ({}): a standby takes over when it expires", e.getMessage());
            }
        }
    }
}
