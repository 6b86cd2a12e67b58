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
     * At most one write + flush per station per this many ms. Each send costs a syscall, a TCP segment and,
     * with TLS, a record, whatever its size — on loopback most of the controller's CPU (docs/performance.md,
     * issue 23) — so batching frames is the fan-out lever, paid in latency. Set with -Dloa.broadcast.batchMs
     * (20 = every tick); unset (0), it follows the number of stations ({@link #batchTicksFor}).
     */
    static final long BATCH_MS = Math.max(0, Long.getLong("loa.broadcast.batchMs", 0));
    /**
     * From this many stations, two packets per write (40 ms): half the sends for at most one packet's wait (a
     * live packet goes out on its arrival to half the stations, with the next one to the other half).
     */
    static final int TWO_PER_WRITE_FROM = 500;
    /** From this many stations, three packets per write (60 ms): at most two packets' wait. */
    static final int THREE_PER_WRITE_FROM = 3_000;
    /**
     * From this many stations, four packets per write (80 ms): at most three packets' wait. At 5,000 TLS stations
     * three per write kept both cores of the benchmark machine busy (controller 1.25 cores, load 0.6), so every
     * packet queued behind the others (p99 0.45 s); a quarter fewer sends leave room.
     */
    static final int FOUR_PER_WRITE_FROM = 4_000;

    private final Clock clock;
    /** The channel of a link the gateway handed out. */
    private final Function<StationLink, Channel> channels;
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService thread;
    private final Map<Executor, Lane> lanes = new ConcurrentHashMap<>();
    /** When the last pass was posted (System.nanoTime); touched on the pacer thread only. */
    private long lastPassNanos;

    public BroadcastPacer(Clock clock) {
        this(clock, link -> StationSession.of(link).channel());
    }

    BroadcastPacer(Clock clock, Function<StationLink, Channel> channels) {
        this.clock = clock;
        this.channels = channels;
    }

    /**
     * Packets (ticks) per write for a broadcast to this many stations: every packet up to 499 stations, two
     * up to 2,999, three up to 3,999, then four — or {@code -Dloa.broadcast.batchMs} when set.
     */
    static int batchTicksFor(int targets) {
        if (BATCH_MS > 0) {
            return (int) Math.max(1, BATCH_MS / TICK_MS);
        }
        return targets >= FOUR_PER_WRITE_FROM ? 4 : targets >= THREE_PER_WRITE_FROM ? 3
                : targets >= TWO_PER_WRITE_FROM ? 2 : 1;
    }

    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("broadcast-pacer").daemon(true).factory());
        thread = t;
        t.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
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
     * packet.
     */
    void wake() {
        ScheduledExecutorService t = thread;
        if (t == null) {
            return; // not leading: nothing is paced
        }
        try {
            t.execute(this::pass);
        } catch (RejectedExecutionException e) {
            log.debug("live packet after the pacer stopped (stepping down or stopping)");
        }
    }

    /**
     * The periodic pass, skipped when a live packet's pass went less than half a tick ago: while a live feed
     * arrives every 20 ms its passes send everything due, and a tick's pass over every station right behind
     * one would find nothing to send (the passes over the outlets showed in the profile of 1,000 stations).
     */
    private void tick() {
        if (System.nanoTime() - lastPassNanos < TICK_MS * 500_000L) {
            return;
        }
        pass();
    }

    private void pass() {
        lastPassNanos = System.nanoTime();
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
