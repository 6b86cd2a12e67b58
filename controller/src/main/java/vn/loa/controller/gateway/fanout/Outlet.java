package vn.loa.controller.gateway.fanout;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.SortedSet;
import vn.loa.controller.announcement.Transmission;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.BroadcastEnd;
import vn.loa.protocol.v1.Envelope;

/**
 * One station of one broadcast, on one link. Confined to that link's event loop: only tasks on that
 * loop read or change what it has sent. A station that reconnects gets a new outlet on its new link.
 */
final class Outlet {
    /** A station with nothing to send has its link looked at (closed? then the broadcast is told) this often. */
    static final long LOOK_EVERY_MS = 1_000;
    private final Broadcast broadcast;
    private final StationLink link;
    private final Channel channel;
    private final long stationId;
    private final SortedSet<Long> zones;
    private final long startAtMs;
    private final int attempt;
    /** A newer outlet of the station took over (set once, from the thread that made the new one). */
    private volatile boolean retired;
    /** Where pre-framed packets enter the pipeline: the frame encoder's context (skips encoding). */
    private ChannelHandlerContext framedOut;
    /** When the pacer last looked at the link (see {@link #paced}). */
    private long lastLookMs;
    private int sent;
    private boolean endSent;

    Outlet(Broadcast broadcast, Transmission.Start start, Channel channel) {
        this.broadcast = broadcast;
        this.link = start.link();
        this.channel = channel;
        this.stationId = start.link().stationId();
        this.zones = start.zones();
        this.startAtMs = start.startAtMs();
        this.attempt = start.attempt();
    }

    Broadcast broadcast() {
        return broadcast;
    }

    long broadcastId() {
        return broadcast.id;
    }

    long stationId() {
        return stationId;
    }

    StationLink link() {
        return link;
    }

    SortedSet<Long> zones() {
        return zones;
    }

    long startAtMs() {
        return startAtMs;
    }

    int attempt() {
        return attempt;
    }

    boolean endSent() {
        return endSent;
    }

    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    /**
     * One pacer pass: sends what is due. False when the outlet leaves its lane: its broadcast finished, a
     * newer link of the station took over, or its link closed (then the broadcast is told).
     */
    boolean paced(long nowMs) {
        if (broadcast.closed() && !broadcast.stopped()) {
            return false; // a stopped one leaves with its stop
        }
        if (retired) {
            return false;
        }
        boolean sending = !endSent && broadcast.startsOut();
        if (sending && nothingToWrite(nowMs) && nowMs - lastLookMs < LOOK_EVERY_MS) {
            // most passes: another station's turn, or no new packet. The link (another object, another cache
            // line for each of thousands of stations) is looked at when something is to go, or once a second
            return true;
        }
        lastLookMs = nowMs;
        if (!channel.isActive()) {
            broadcast.lost(this, nowMs);
            return false;
        }
        if (sending) {
            pump(nowMs, Broadcast.CATCH_UP_PACKETS);
        }
        return true;
    }

    /** Nothing due for this station on this pass (or not its turn), read from the broadcast and this outlet only. */
    private boolean nothingToWrite(long nowMs) {
        boolean isEnded = broadcast.isEnded();
        int n = broadcast.count();
        int limit = limit(nowMs, n, Broadcast.CATCH_UP_PACKETS);
        boolean last = isEnded && limit == n;
        return (limit <= sent && !last) || !batchTurn(nowMs, limit, n, last);
    }

    /** The packets up to which this station may be sent now: those published and due, at most {@code maxPackets} more. */
    private int limit(long nowMs, int n, int maxPackets) {
        long due = (nowMs - startAtMs + Broadcast.AHEAD_MS) / broadcast.frameMs;
        return (int) Math.min(Math.min(n, Math.max(0, due)), (long) sent + maxPackets);
    }

    /** The start and, in the same flush, the first {@link Broadcast#WITH_START_PACKETS} packets due. */
    void sendStart(long nowMs) {
        channel.write(Envelope.newBuilder().setBroadcastStart(broadcast.startFor(this)).build(), channel.voidPromise());
        if (!pump(nowMs, Broadcast.WITH_START_PACKETS)) {
            channel.flush();
        }
    }

    /** Back after a lost link, still playing what it holds: every packet due from the first, at once, no start. */
    void resend(long nowMs) {
        pump(nowMs, Integer.MAX_VALUE);
    }

    void stop(Envelope stop) {
        if (channel.isActive()) {
            channel.writeAndFlush(stop, channel.voidPromise());
        }
    }

    /**
     * Sends what is due, at most {@code maxPackets} of it (the rest on the next passes), then the end once
     * every packet is out. True when something was written (and flushed).
     */
    boolean pump(long nowMs, int maxPackets) {
        if (!channel.isActive() || endSent || broadcast.stopped()) {
            return false;
        }
        if (!channel.eventLoop().inEventLoop()) {
            return false; // never from another thread: this outlet is its loop's
        }
        if (!channel.isWritable()) {
            return false; // a slow link: try again next tick, packets wait here
        }
        boolean isEnded = broadcast.isEnded(); // read before the count: once ended, the count is final
        int n = broadcast.count();
        FramedPackets a = broadcast.packets();
        int limit = limit(nowMs, n, maxPackets);
        if (limit <= sent && !(isEnded && limit == n)) {
            return false;
        }
        if (!batchTurn(nowMs, limit, n, isEnded && limit == n)) {
            return false;
        }
        ChannelHandlerContext out = framedOut;
        if (out == null || out.isRemoved()) {
            out = channel.pipeline().context(LoaCodec.FRAME_ENCODER);
            framedOut = out;
            if (out == null) {
                throw new IllegalStateException("station " + stationId + ": no " + LoaCodec.FRAME_ENCODER
                        + " in the pipeline of " + channel);
            }
        }
        for (int i = sent; i < limit; ) { // one buffer per chunk the packets lie in: one, mostly
            int to = a.runEnd(i, limit);
            out.write(a.slice(i, to), out.voidPromise());
            i = to;
        }
        boolean allSent = isEnded && limit == n;
        boolean wrote = limit > sent;
        sent = Math.max(sent, limit);
        if (allSent) {
            channel.write(Envelope.newBuilder().setBroadcastEnd(BroadcastEnd.newBuilder().setBroadcastId(broadcast.id)
                    .setTotalPackets(sent)).build(), channel.voidPromise());
            endSent = true;
            wrote = true;
        }
        if (wrote) {
            out.flush(); // from the encoder down: the handlers behind it (the message handlers) have nothing to flush
        }
        return wrote;
    }

    /** {@link #batchTurn(int, long, int, int, boolean, long)} for this station and broadcast now. */
    private boolean batchTurn(long nowMs, int limit, int n, boolean last) {
        return batchTurn(broadcast.batchTicks, stationId, sent, limit, last,
                limit == n ? nowMs - broadcast.lastAppendMs() : 0);
    }

    /**
     * Whether a batched station writes now, with packets up to {@code limit} due and {@code sent} sent. Stations
     * take turns by packet: a station writes when the last packet due is its own ({@code (limit + station) % ticks
     * == 0}), so each live packet goes out on its arrival to 1 in {@code ticks} stations, and the writes of 10,000
     * stations spread evenly. At once: unbatched (1 tick), the first write, the last packet of the broadcast, a
     * full batch waiting (a pass came late and the turn was passed over), or packets waiting on a feed gone quiet:
     * the newest packet due is the newest published ({@code feedQuietMs} since it was, else 0) and nothing was
     * published for longer than a batch takes. Quiet is measured on the feed, not from this station's last write:
     * passes that come late on a busy machine (many ms apart) then never split a batch into two writes, which
     * would add sends exactly when the machine has no room for them.
     */
    static boolean batchTurn(int ticks, long stationId, int sent, int limit, boolean last, long feedQuietMs) {
        if (ticks <= 1 || sent == 0 || last || limit - sent >= ticks) {
            return true;
        }
        boolean turn = Math.floorMod(limit + stationId, ticks) == 0;
        boolean quiet = feedQuietMs >= ticks * BroadcastPacer.TICK_MS + BroadcastPacer.TICK_MS / 2;
        return turn || quiet;
    }
}
