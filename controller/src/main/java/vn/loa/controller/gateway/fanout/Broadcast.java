package vn.loa.controller.gateway.fanout;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.announcement.Airwaves;
import vn.loa.controller.announcement.Transmission;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.v1.BroadcastAudio;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStop;
import vn.loa.protocol.v1.Envelope;

/**
 * One announcement on its way out: the same Opus packets, each serialised and framed once, fanned out to
 * every target station's connection by its {@link Outlet}, a few seconds ahead of real time. Live packets
 * join the list as they are encoded. Each outlet lives on its station's event loop; this object only
 * holds what they share.
 */
final class Broadcast implements Transmission {
    private static final Logger log = LoggerFactory.getLogger(Broadcast.class);
    /** How far ahead of the playing position packets are sent. */
    static final long AHEAD_MS = 5_000;
    /**
     * At most this many packets per station per pacer tick while a station catches up (at the open, up to
     * {@link #AHEAD_MS} minus the lead of audio is due at once): 50 packets = 1 s of 20 ms audio, sent 50
     * times faster than real time, so one station's burst never holds up the starts or packets of the
     * others on its event loop. In real time only 1 (or {@link #batchTicks}) packets are due per tick.
     */
    static final int CATCH_UP_PACKETS = 50;
    /**
     * Packets written with a station's start, in the same flush (500 ms of audio): the flush, a syscall
     * per station, costs far more than these few hundred bytes, so every station has its first audio with
     * its start instead of one more round of 10,000 flushes later.
     */
    static final int WITH_START_PACKETS = 25;

    private final BroadcastPacer pacer;
    private final Airwaves.LostLinks lostLinks;
    final long id;
    final long frameMs;
    /** Ticks between two writes to one station ({@link BroadcastPacer#batchTicksFor}); stations take turns. */
    final int batchTicks;
    private volatile BroadcastStart template;
    /** False for a live broadcast until its first audio arrives; only then do stations get it. */
    private volatile boolean opened;
    /** Event-loop tasks still writing the starts of the open; no other audio goes out before they are done. */
    private final AtomicInteger startTasks = new AtomicInteger();
    /** The outlet each station was last given (a station that reconnects gets a new one on its new link). */
    private final Map<Long, Outlet> current = new ConcurrentHashMap<>();
    /**
     * Each packet framed once, in direct memory. Appended under the lock; read by the event loops without it:
     * {@link #count} is read after {@code ended}, and every packet below it is there to read. Pumping never
     * waits for a lock the live feed holds, or the reverse.
     */
    private final FramedPackets packets = new FramedPackets();
    /** When the last packet was appended (the pacer's clock, ms): a live feed that goes quiet shows here. */
    private volatile long lastAppendMs;
    private volatile boolean ended;
    private volatile boolean stopped;
    private volatile boolean closed;
    private final AtomicBoolean stopSent = new AtomicBoolean();

    Broadcast(BroadcastPacer pacer, BroadcastStart template, int batchTicks, Airwaves.LostLinks lostLinks) {
        this.pacer = pacer;
        this.lostLinks = lostLinks;
        this.id = template.getBroadcastId();
        this.template = template;
        this.batchTicks = batchTicks;
        this.frameMs = Math.max(1, template.getFrameSamples() * 1000L / Math.max(1, template.getSampleRate()));
    }

    @Override
    public void addPacket(byte[] opus) {
        append(opus);
        if (opened) {
            // out at once, not at the next tick: to every station, or when batched to those whose turn this packet
            // is (Outlet#pump); the pacer then skips its tick's pass, so there is no extra pass over the stations
            pacer.wake();
        }
    }

    private synchronized void append(byte[] opus) {
        if (ended) {
            throw new IllegalStateException("broadcast " + id + " has ended");
        }
        Envelope env = Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(id)
                .setSeq(packets.count()).setPacket(ByteString.copyFrom(opus))).build();
        lastAppendMs = pacer.clock().millis();
        packets.append(env.toByteArray()); // publishes the packet
    }

    @Override
    public synchronized void end() {
        ended = true;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public int packetCount() {
        return packets.count();
    }

    /** The packets published so far, and whether that is all of them (read {@code ended} first). */
    boolean isEnded() {
        return ended;
    }

    int count() {
        return packets.count();
    }

    long lastAppendMs() {
        return lastAppendMs;
    }

    FramedPackets packets() {
        return packets;
    }

    boolean stopped() {
        return stopped;
    }

    boolean closed() {
        return closed;
    }

    /** No audio before every start of the open is written. */
    boolean startsOut() {
        return startTasks.get() == 0;
    }

    BroadcastStart startFor(Outlet o) {
        return template.toBuilder().clearZoneIds().addAllZoneIds(o.zones()).setStartAtMs(o.startAtMs()).build();
    }

    /** The station's outlet from now on; the one it had (on its old link) is retired and leaves its lane. */
    private void makeCurrent(Outlet o) {
        Outlet old = current.put(o.stationId(), o);
        if (old != null && old != o) {
            old.retire();
        }
    }

    /** On the outlet's loop: its link has closed. */
    void lost(Outlet o, long nowMs) {
        lostLinks.lost(o.stationId(), o.attempt(), nowMs);
    }

    @Override
    public void open(long startAtMs, Map<Executor, List<Start>> startsByLoop) {
        template = template.toBuilder().setStartAtMs(startAtMs).build();
        opened = true;
        startTasks.set(startsByLoop.size());
        for (var e : startsByLoop.entrySet()) {
            Lane lane = pacer.lane(e.getKey());
            List<Start> starts = e.getValue();
            try {
                e.getKey().execute(() -> sendStarts(lane, starts));
            } catch (RejectedExecutionException stopping) {
                startTasks.decrementAndGet();
                log.warn("announcement {}: {} starts not sent, the controller is stopping", id, starts.size());
            }
        }
    }

    /**
     * On one event loop: the starts of its stations, each with its first half second of audio; the pacer
     * sends the rest once every loop's starts are out.
     */
    private void sendStarts(Lane lane, List<Start> starts) {
        long began = System.nanoTime();
        try {
            for (Start s : starts) {
                if (stopped) {
                    break; // stopped before its start went out: nothing is sent
                }
                try {
                    Outlet o = new Outlet(this, s, pacer.channelOf(s.link()));
                    makeCurrent(o);
                    lane.add(o);
                    o.sendStart(pacer.clock().millis());
                } catch (RuntimeException e) {
                    log.error("announcement {}: the start to station {} failed: {}", id, s.link().stationId(),
                            e.toString(), e);
                }
            }
        } finally {
            startTasks.decrementAndGet(); // the last one lets the pacer send the audio
        }
        long took = System.nanoTime() - began;
        log.info("announcement {}: {} starts written on {} in {} ms ({} µs each); {} ms before the start", id,
                starts.size(), Thread.currentThread().getName(), took / 1_000_000, took / 1000 / Math.max(1, starts.size()),
                template.getStartAtMs() - pacer.clock().millis());
    }

    @Override
    public void join(Start start) {
        onItsLoop(start, Outlet::sendStart);
    }

    @Override
    public void resume(Start start) {
        onItsLoop(start, Outlet::resend);
    }

    /** The station's new outlet is current at once (its old one leaves its lane); it starts on its own loop. */
    private void onItsLoop(Start start, java.util.function.ObjLongConsumer<Outlet> first) {
        Outlet o = new Outlet(this, start, pacer.channelOf(start.link()));
        makeCurrent(o);
        Lane lane = pacer.lane(start.link().loop());
        try {
            lane.loop().execute(() -> {
                if (stopped || closed || o.retired()) {
                    return;
                }
                lane.add(o);
                first.accept(o, pacer.clock().millis());
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("announcement {}: station {} not joined, the controller is stopping", id, o.stationId());
        }
    }

    @Override
    public StationLink linkOf(long stationId) {
        Outlet o = current.get(stationId);
        return o == null ? null : o.link();
    }

    /**
     * Every loop that may hold a station of this broadcast sends the stop to them on that loop, after any
     * start it was given earlier; starts not yet sent are not sent.
     */
    @Override
    public void stop(String reason) {
        stopped = true;
        end();
        if (!stopSent.compareAndSet(false, true)) {
            return;
        }
        Envelope stop = Envelope.newBuilder().setBroadcastStop(BroadcastStop.newBuilder().setBroadcastId(id)
                .setReason(reason)).build();
        for (Lane lane : pacer.lanes()) {
            try {
                lane.loop().execute(() -> lane.stop(this, stop));
            } catch (RejectedExecutionException stopping) {
                log.debug("announcement {}: stop not sent on a loop that is shutting down", id);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
