package vn.loa.controller.gateway.fanout;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.announcement.Airwaves;
import vn.loa.controller.announcement.Transmission;
import vn.loa.controller.gateway.StationSession;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * Paces announcements out to the stations. The {@code broadcast-pacer} thread ticks every
 * {@link #TICK_MS} ms and only posts: one task per event loop ({@link Lane}) that writes, on that loop,
 * what has become due to each of its stations — it never writes itself, and posts nothing to a loop that
 * has not yet run the previous tick's task. 10,000 stations on 4 loops are 4 tasks a tick, not 10,000.
 */
public final class BroadcastPacer implements Airwaves, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BroadcastPacer.class);
    /** The pacer's tick. */
    static final long TICK_MS = 20;
    /**
     * At most one write + flush per station per this many ms. Each send costs a syscall and a TCP segment
     * whatever its size, so batching frames is the fan-out lever, paid in latency (docs/performance.md).
     * Set with -Dloa.broadcast.batchMs (20 = every tick); unset (0), it follows the number of stations
     * ({@link #batchTicksFor}).
     */
    static final long BATCH_MS = Math.max(0, Long.getLong("loa.broadcast.batchMs", 0));
    /** Targets per extra tick of batching when {@link #BATCH_MS} is not set: 3,000 → 40 ms, 6,000 → 60 ms. */
    static final int TARGETS_PER_BATCH_TICK = 3_000;
    /** At most this many ticks per write when batching by size (60 ms). */
    static final int MAX_BATCH_TICKS = 3;

    private final Clock clock;
    /** The channel of a link the gateway handed out. */
    private final Function<StationLink, Channel> channels;
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService thread;
    private final Map<Executor, Lane> lanes = new ConcurrentHashMap<>();

    public BroadcastPacer(Clock clock) {
        this(clock, link -> StationSession.of(link).channel());
    }

    BroadcastPacer(Clock clock, Function<StationLink, Channel> channels) {
        this.clock = clock;
        this.channels = channels;
    }

    /**
     * Ticks per write for a broadcast to this many stations: every tick (no batching) up to 2,999; then
     * one more tick per 3,000 stations, at most 3 — or {@code -Dloa.broadcast.batchMs} when set.
     */
    static int batchTicksFor(int targets) {
        if (BATCH_MS > 0) {
            return (int) Math.max(1, BATCH_MS / TICK_MS);
        }
        return Math.min(MAX_BATCH_TICKS, 1 + targets / TARGETS_PER_BATCH_TICK);
    }

    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("broadcast-pacer").daemon(true).factory());
        thread = t;
        t.scheduleAtFixedRate(this::tickQuietly, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Transmission prepare(BroadcastStart template, int targets, LostLinks lostLinks) {
        return new Broadcast(this, template, batchTicksFor(targets), lostLinks);
    }

    Clock clock() {
        return clock;
    }

    Channel channelOf(StationLink link) {
        return channels.apply(link);
    }

    /** The lane of an event loop (made at its first station). */
    Lane lane(Executor loop) {
        return lanes.computeIfAbsent(loop, l -> new Lane(l, clock));
    }

    Iterable<Lane> lanes() {
        return lanes.values();
    }

    /**
     * A pass now rather than at the next tick (a live packet arrived): up to 20 ms less latency for every live
     * packet when the stations are written every tick.
     */
    void wake() {
        ScheduledExecutorService t = thread;
        if (t == null) {
            return; // not leading: nothing is paced
        }
        try {
            t.execute(this::tickQuietly);
        } catch (RejectedExecutionException e) {
            log.debug("live packet after the pacer stopped (stepping down or stopping)");
        }
    }

    private void tickQuietly() {
        try {
            for (Lane lane : lanes.values()) {
                lane.post();
            }
        } catch (RuntimeException e) {
            // logged, not rethrown: an exception would cancel the periodic tick for good
            log.error("announcement pacing failed: {}", e.toString(), e);
        }
    }

    /** Stops the ticks (this node stops leading, or the controller stops); {@link #start} may follow. */
    @Override
    public void close() {
        ScheduledExecutorService t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        t.shutdownNow();
        try {
            if (!t.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the broadcast pacer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
