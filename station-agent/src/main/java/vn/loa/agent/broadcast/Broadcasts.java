package vn.loa.agent.broadcast;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Priority;

/**
 * The announcements this station holds and has not finished. The arbitration rule lives here:
 * the highest priority wins; equal priorities are served first come, first served.
 */
public final class Broadcasts {
    private final Map<Long, IncomingBroadcast> pending = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    public IncomingBroadcast open(BroadcastStart start) {
        return pending.computeIfAbsent(start.getBroadcastId(), id -> new IncomingBroadcast(start, arrivals.incrementAndGet()));
    }

    public Optional<IncomingBroadcast> get(long id) {
        return Optional.ofNullable(pending.get(id));
    }

    public void finished(long id) {
        pending.remove(id);
    }

    /** Among the broadcasts that qualify (e.g. are due), the one to play: highest priority, then earliest arrival. */
    public Optional<IncomingBroadcast> best(java.util.function.Predicate<IncomingBroadcast> eligible) {
        return pending.values().stream().filter(b -> !b.isStopped()).filter(eligible).min(ORDER);
    }

    /** The smallest value of {@code key} over the pending broadcasts (e.g. when the next one is due). */
    public java.util.OptionalLong earliest(java.util.function.ToLongFunction<IncomingBroadcast> key) {
        return pending.values().stream().filter(b -> !b.isStopped()).mapToLong(key).min();
    }

    /** The broadcast to play next: highest priority, then earliest arrival. */
    public Optional<IncomingBroadcast> next() {
        return pending.values().stream().filter(b -> !b.isStopped()).min(ORDER);
    }

    /**
     * A broadcast that must interrupt something of {@code priority} now: strictly higher priority,
     * and due (its start instant minus the lead the player needs has come).
     */
    public Optional<IncomingBroadcast> preempting(Priority priority, long nowMs, long leadMs, long exceptId) {
        return pending.values().stream()
                .filter(b -> b.id() != exceptId && !b.isStopped())
                .filter(b -> b.priority().getNumber() > priority.getNumber())
                .filter(b -> b.start().getStartAtMs() - leadMs <= nowMs)
                .min(ORDER);
    }

    /** Drops stopped broadcasts that never started. */
    public void forgetStopped() {
        pending.values().removeIf(IncomingBroadcast::isStopped);
    }

    static final Comparator<IncomingBroadcast> ORDER = Comparator
            .comparingInt((IncomingBroadcast b) -> -b.priority().getNumber())
            .thenComparingLong(IncomingBroadcast::arrivalOrder);
}
