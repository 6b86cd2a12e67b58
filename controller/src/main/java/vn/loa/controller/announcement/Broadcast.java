package vn.loa.controller.announcement;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
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

    final long id;
    volatile BroadcastStart template;
    /** False for a live broadcast until its first audio arrives; only then do stations get it. */
    volatile boolean opened;
    final long createdAtMs = System.currentTimeMillis();
    final long frameMs;
    final Map<Long, Target> targets = new ConcurrentHashMap<>();
    private final List<ByteBuf> packets = new ArrayList<>();
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

    synchronized void addPacket(byte[] opus) {
        if (ended) {
            throw new IllegalStateException("broadcast " + id + " has ended");
        }
        Envelope env = Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(id)
                .setSeq(packets.size()).setPacket(ByteString.copyFrom(opus))).build();
        packets.add(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(env.toByteArray())));
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

    synchronized int packetCount() {
        return packets.size();
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
        int limit;
        boolean allSent;
        synchronized (this) {
            long due = (nowMs - t.startAtMs + AHEAD_MS) / frameMs;
            limit = ended ? packets.size() : (int) Math.min(packets.size(), Math.max(0, due));
            limit = (int) Math.min(limit, Math.max(0, due));
            for (int i = t.sent; i < limit; i++) {
                ch.write(packets.get(i).duplicate(), ch.voidPromise());
            }
            allSent = ended && limit == packets.size();
        }
        boolean wrote = limit > t.sent;
        t.sent = Math.max(t.sent, limit);
        if (allSent) {
            ch.write(Envelope.newBuilder().setBroadcastEnd(BroadcastEnd.newBuilder().setBroadcastId(id)
                    .setTotalPackets(t.sent)).build(), ch.voidPromise());
            t.endSent = true;
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
    }

}
