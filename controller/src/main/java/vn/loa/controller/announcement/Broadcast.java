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
     * paid in latency (docs/performance.md). 20 = every tick; set with -Dloa.broadcast.batchMs.
     */
    static final long BATCH_MS = Math.max(20, Long.getLong("loa.broadcast.batchMs", 20));

    final long id;
    volatile BroadcastStart template;
    /** False for a live broadcast until its first audio arrives; only then do stations get it. */
    volatile boolean opened;
    final long createdAtMs = System.currentTimeMillis();
    final long frameMs;
    final Map<Long, Target> targets = new ConcurrentHashMap<>();
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

    /** Sends what is due to one target; runs on that target's event loop. */
    void pump(Target t, long nowMs) {
        Channel ch = t.channel;
        if (ch == null || !ch.isActive() || t.endSent || stopped) {
            return;
        }
        if (!ch.isWritable()) {
            return; // a slow link: try again next tick, packets wait here
        }
        if (BATCH_MS > 20 && t.sent > 0 && nowMs - t.lastWriteMs < BATCH_MS - 10) {
            return; // batching: this station's next write is due at a later tick
        }
        boolean isEnded = ended; // read before the count: once ended, the count is final
        int n = count;
        ByteBuf[] a = packets;
        long due = (nowMs - t.startAtMs + AHEAD_MS) / frameMs;
        int limit = (int) Math.min(n, Math.max(0, due));
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
    }

}
