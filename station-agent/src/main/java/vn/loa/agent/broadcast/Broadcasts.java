package vn.loa.agent.broadcast;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * The announcements this station holds and has not finished, each numbered in the order its start
 * arrived (the arbiter serves equal priorities first come, first served). Filled from the link's
 * event loop, read by the player.
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

    /** The announcements held that their sender has not stopped. */
    public List<IncomingBroadcast> active() {
        return pending.values().stream().filter(b -> !b.isStopped()).toList();
    }

    /** Drops stopped broadcasts that are not playing. */
    public void forgetStopped() {
        pending.values().removeIf(IncomingBroadcast::isStopped);
    }
}
