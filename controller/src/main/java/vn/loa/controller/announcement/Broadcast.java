package vn.loa.controller.announcement;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.BroadcastAudio;
import vn.loa.protocol.v1.BroadcastEnd;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Envelope;

/**
 * One announcement on its way out: the same Opus packets, each serialised once, fanned out to every
 * target station's connection, a few seconds ahead of real time, in batches with one flush per
 * station and tick. Live packets join the list as they are encoded.
 */
final class Broadcast {
    /** How far ahead of the playing position packets are sent. */
    static final long AHEAD_MS = 5_000;
    /**
     * At most one write + flush per station per this many ms (the pacer ticks every 20 ms). Each send
     * costs a syscall and a TCP segment whatever its size, so batching frames is the fan-out lever,
     * paid in latency (docs/performance.md). Set with -Dloa.broadcast.batchMs (20 = every tick); unset
     * (0), it follows the number of stations ({@link #batchTicksFor}).
     */
    static final long BATCH_MS = Math.max(0, Long.getLong("loa.broadcast.batchMs", 0));
    /** The pacer's tick. */
    static final long TICK_MS = 20;
    /** Targets per extra tick of batching when {@link #BATCH_MS} is not set: 3,000 → 40 ms, 6,000 → 60 ms. */
    static final int TARGETS_PER_BATCH_TICK = 3_000;
    /** At most this many ticks per write when batching by size (60 ms). */
    static final int MAX_BATCH_TICKS = 3;

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

    final long id;
    volatile BroadcastStart template;
    /** False for a live broadcast until its first audio arrives; only then do stations get it. */
    volatile boolean opened;
    final long createdAtMs = System.currentTimeMillis();
    final long frameMs;
    final Map<Long, Target> targets = new ConcurrentHashMap<>();
    /** DONE or FAILED once the announcement is finished, before the state writer has stored it. */
    volatile String finalState;
    /** Ticks between two writes to one station ({@link #batchTicksFor}); stations take turns (by id). */
    volatile int batchTicks = 1;
    /** Event-loop tasks still writing the starts of the open; the pacer sends no audio before they are done. */
    final java.util.concurrent.atomic.AtomicInteger startTasks = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Each packet framed (length prefix + envelope) once, in direct memory. Appended under the lock;
     * read by the event loops without it: {@link #count} is written after the slot (and after a grown
     * array is published), so a reader that reads {@code ended}, then {@code count}, then the array sees
     * every packet below the count. Pumping never waits for a lock the live feed holds, or the reverse.
     */
    private volatile ByteBuf[] packets = new ByteBuf[256];
    private volatile int count;
    private volatile boolean ended;
    private volatile boolean stopped;

    /** One station of this broadcast; mutated on its channel's event loop (and by status updates). */
    static final class Target {
        final long stationId;
        final SortedSet<Long> zones;
        volatile Channel channel;
        volatile long startAtMs;
        volatile StationState state;
        volatile long startedAtMs;
        volatile long endedAtMs;
        volatile String reason = "";
        volatile int underruns;
        /** Where pre-framed packets enter the pipeline: the frame encoder's context (skips encoding). */
        ChannelHandlerContext framedOut;
        long lastWriteMs;
        int sent;
        boolean endSent;

        Target(long stationId, SortedSet<Long> zones, StationState state) {
            this.stationId = stationId;
            this.zones = zones;
            this.state = state;
        }
    }

    Broadcast(long id, BroadcastStart template) {
        this.id = id;
        this.template = template;
        this.frameMs = Math.max(1, template.getFrameSamples() * 1000L / template.getSampleRate());
    }

    private final java.util.concurrent.atomic.AtomicBoolean feedClaimed = new java.util.concurrent.atomic.AtomicBoolean();

    /** True for the first caller only: the one live source of this broadcast. */
    boolean claimFeed() {
        return feedClaimed.compareAndSet(false, true);
    }

    synchronized void addPacket(byte[] opus) {
        if (ended) {
            throw new IllegalStateException("broadcast " + id + " has ended");
        }
        Envelope env = Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(id)
                .setSeq(count).setPacket(ByteString.copyFrom(opus))).build();
        byte[] body = env.toByteArray();
        ByteBuffer framed = ByteBuffer.allocateDirect(5 + body.length);
        for (int v = body.length; ; v >>>= 7) { // the varint32 length prefix, as the frame encoder writes it
            if ((v & ~0x7F) == 0) {
                framed.put((byte) v);
                break;
            }
            framed.put((byte) ((v & 0x7F) | 0x80));
        }
        framed.put(body).flip();
        ByteBuf[] a = packets;
        if (count == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
            packets = a;
        }
        a[count] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(framed));
        count = count + 1; // publishes the slot
    }

    synchronized void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    int packetCount() {
        return count;
    }

    BroadcastStart startFor(Target t) {
        return template.toBuilder().clearZoneIds().addAllZoneIds(t.zones).setStartAtMs(t.startAtMs).build();
    }

    /**
     * Sends what is due to one target, at most {@code maxPackets} of it (the rest on the next ticks); runs
     * on that target's event loop. True when something was written (and flushed).
     */
    boolean pump(Target t, long nowMs, int maxPackets) {
        Channel ch = t.channel;
        if (ch == null || !ch.isActive() || t.endSent || stopped) {
            return false;
        }
        if (!ch.eventLoop().inEventLoop()) {
            return false; // a task of the station's previous link, on another loop: its new loop pumps it
        }
        if (!ch.isWritable()) {
            return false; // a slow link: try again next tick, packets wait here
        }
        int ticks = batchTicks;
        if (ticks > 1 && t.sent > 0) {
            // batching, staggered: each station writes on its own tick of every `ticks`, so the writes of
            // 10,000 stations spread evenly over the ticks instead of all falling on the same one
            boolean turn = Math.floorMod(nowMs / TICK_MS + t.stationId, ticks) == 0;
            boolean overdue = nowMs - t.lastWriteMs >= ticks * TICK_MS + TICK_MS / 2; // a tick ran late or twice
            if (!turn && !overdue) {
                return false;
            }
        }
        boolean isEnded = ended; // read before the count: once ended, the count is final
        int n = count;
        ByteBuf[] a = packets;
        long due = (nowMs - t.startAtMs + AHEAD_MS) / frameMs;
        int limit = (int) Math.min(Math.min(n, Math.max(0, due)), (long) t.sent + maxPackets);
        ChannelHandlerContext out = t.framedOut;
        if (out == null || out.channel() != ch || out.isRemoved()) {
            out = ch.pipeline().context(LoaCodec.FRAME_ENCODER);
            t.framedOut = out;
            if (out == null) {
                throw new IllegalStateException("station " + t.stationId + ": no " + LoaCodec.FRAME_ENCODER
                        + " in the pipeline of " + ch);
            }
        }
        for (int i = t.sent; i < limit; i++) {
            out.write(a[i].duplicate(), out.voidPromise());
        }
        boolean allSent = isEnded && limit == n;
        boolean wrote = limit > t.sent;
        t.sent = Math.max(t.sent, limit);
        if (allSent) {
            ch.write(Envelope.newBuilder().setBroadcastEnd(BroadcastEnd.newBuilder().setBroadcastId(id)
                    .setTotalPackets(t.sent)).build(), ch.voidPromise());
            t.endSent = true;
            wrote = true;
        }
        if (wrote) {
            t.lastWriteMs = nowMs;
            ch.flush();
        }
        return wrote;
    }

}
