package vn.loa.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.clock.ClockSample;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.PlanAck;
import vn.loa.protocol.v1.TimeRequest;

/**
 * One lightweight station speaking the real protocol: Hello with its id and secret, a TimeRequest
 * every 5 s, a Heartbeat every 10 s, PlanAck for every PlanSync, and for announcements the statuses a
 * real agent sends (RECEIVING on the start, PLAYING at the start instant, DONE at the end of the
 * audio) — without decoding audio. Every BroadcastAudio is timestamped on arrival (kept per packet in an
 * {@link ArrivalTrace}, so that latencies can be computed once the feeder's log is known); its envelope
 * is read by hand (broadcast id and seq only) so that the load client costs little CPU. Every
 * TimeResponse gives the recorder a sample of the controller's clock against this process's clock.
 *
 * <p>A station outside the {@link TimedSample} does not time its packets: from an announcement's start it
 * asks the kernel to wake it only when its own amount is waiting ({@link TimedSample#batchBytes}, 4–12 kB,
 * {@code SO_RCVLOWAT}), so it reads one to three seconds of audio at a time, and counts what it got. Once nothing has come for
 * {@link #IDLE_MS} (the feed is over; the end is a few bytes), it reads every byte again.
 */
final class SimStation extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SimStation.class);
    /** Envelope field 71 (broadcast_audio), wire type 2: (71 << 3) | 2 = 570 = varint BA 04. */
    private static final int AUDIO_TAG_0 = 0xBA;
    private static final int AUDIO_TAG_1 = 0x04;
    /** Linux's {@code SO_RCVLOWAT} (level {@code SOL_SOCKET} = 1, option 18 on x86-64 and arm64). */
    static final ChannelOption<Integer> RCVLOWAT = new IntegerUnixChannelOption("SO_RCVLOWAT", 1, 18);
    /** An untimed station that read nothing for this long reads every byte again (checked every second). */
    static final long IDLE_MS = 3_000;

    private final StationCredential credential;
    private final LoadRecorder recorder;
    private final BenchClock clock;
    private final Runnable onSettled;
    /** Times its packets (else counts them, reading in batches). */
    private final boolean timed;
    private final long startedMs = System.currentTimeMillis();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private Channel channel;
    private boolean settled;
    private long requestIds;
    private String planVersion = "";
    private Current current;
    /** {@code SO_RCVLOWAT} is its {@link TimedSample#batchBytes} (untimed stations, from a start until the link goes quiet). */
    private boolean batched;
    private long lastReadUs;
    private ScheduledFuture<?> quietCheck;

    /** The announcement being received. */
    private static final class Current {
        final long id;
        final long startAtMs;
        final long frameMs;
        final long startArrivedUs;
        long firstPacketUs;
        long lastPacketUs;
        int nextSeq;
        int received;
        int missing;
        int late;
        int total = -1;
        long endArrivedUs;
        boolean playingSent;
        boolean finished;
        ScheduledFuture<?> done;
        final ArrivalTrace.Builder trace;

        Current(BroadcastStart s, long arrivedUs) {
            this.id = s.getBroadcastId();
            this.startAtMs = s.getStartAtMs();
            this.frameMs = PacketTiming.frameMs(s.getFrameSamples(), s.getSampleRate());
            this.startArrivedUs = arrivedUs;
            this.trace = new ArrivalTrace.Builder(arrivedUs);
        }
    }

    SimStation(StationCredential credential, LoadRecorder recorder, BenchClock clock, boolean timed, Runnable onSettled) {
        this.credential = credential;
        this.recorder = recorder;
        this.clock = clock;
        this.timed = timed;
        this.onSettled = onSettled;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        recorder.station(this);
        send(Envelope.newBuilder().setRequestId(++requestIds).setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(ProtocolVersion.CAPABILITIES)
                .setStationId(credential.stationId()).setSecret(credential.secret()).setAgentVersion("bench")
                .setPlanVersion(planVersion)), true);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timers.forEach(t -> t.cancel(false));
        if (quietCheck != null) {
            quietCheck.cancel(false);
        }
        if (current != null) {
            finish(current, "link closed");
        }
        recorder.disconnected.incrementAndGet();
        if (!settled) { // closed before its welcome or refusal: the controller's hello timeout, a TLS handshake refused
            recorder.problem("station " + credential.stationId() + ": link closed before the welcome");
        }
        settle();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        ByteBuf frame = (ByteBuf) msg;
        try {
            long now = clock.nowUs();
            lastReadUs = now;
            int r = frame.readerIndex();
            if (frame.readableBytes() > 2 && frame.getUnsignedByte(r) == AUDIO_TAG_0
                    && frame.getUnsignedByte(r + 1) == AUDIO_TAG_1) {
                frame.skipBytes(2);
                readVarint(frame); // length of the BroadcastAudio
                audio(frame, now);
            } else {
                envelope(Envelope.parseFrom(frame.nioBuffer()), now);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        recorder.problem("station " + credential.stationId() + ": " + cause);
        log.warn("station {}: {}", credential.stationId(), cause.toString());
        ctx.close();
    }

    private void audio(ByteBuf b, long now) {
        long broadcastId = 0;
        int seq = 0;
        while (b.isReadable()) {
            int tag = (int) readVarint(b);
            if (tag == 0x08) {
                broadcastId = readVarint(b);
            } else if (tag == 0x10) {
                seq = (int) readVarint(b);
            } else {
                break; // the packet bytes (field 3) are not looked at
            }
        }
        Current c = current;
        recorder.packets.incrementAndGet();
        if (c == null || c.id != broadcastId || c.finished) {
            return;
        }
        if (seq < c.nextSeq) {
            return; // a duplicate (a re-sent start), the agent drops it too
        }
        c.missing += seq - c.nextSeq;
        c.nextSeq = seq + 1;
        c.received++;
        if (c.firstPacketUs == 0) {
            c.firstPacketUs = now;
        }
        c.lastPacketUs = now;
        if (!timed) {
            return; // read in batches: its arrival instants say nothing of the controller
        }
        c.trace.arrived(seq, now);
        if (PacketTiming.marginUs(c.startAtMs, seq, c.frameMs, now) < 0) {
            c.late++;
            recorder.late.incrementAndGet();
        }
        if (!c.playingSent && now >= c.startAtMs * 1000) {
            playing(c, now / 1000); // the first packet came after the start instant: it starts late
        }
    }

    private void envelope(Envelope env, long now) {
        switch (env.getKindCase()) {
            case WELCOME -> welcome();
            case REJECT -> {
                recorder.rejected.incrementAndGet();
                recorder.problem("station " + credential.stationId() + " rejected: " + env.getReject().getCode() + " "
                        + env.getReject().getMessage());
                settle();
                channel.close();
            }
            case PLAN_SYNC -> {
                planVersion = env.getPlanSync().getVersion();
                send(Envelope.newBuilder().setRefersTo(env.getRequestId())
                        .setPlanAck(PlanAck.newBuilder().setVersion(planVersion)), true);
            }
            case BROADCAST_START -> start(env.getBroadcastStart(), now);
            case BROADCAST_END -> end(env.getBroadcastEnd().getBroadcastId(), env.getBroadcastEnd().getTotalPackets(), now);
            case BROADCAST_STOP -> {
                Current c = current;
                if (c != null && c.id == env.getBroadcastStop().getBroadcastId() && !c.finished) {
                    if (c.playingSent) {
                        status(c.id, BroadcastStatus.State.FAILED, clock.nowMs(), "CANCELLED: " + env.getBroadcastStop().getReason());
                    }
                    finish(c, null);
                }
            }
            case BROADCAST_AUDIO -> {
                // an audio envelope whose first bytes were not the kind's tag (ids set): read it fully
                var a = env.getBroadcastAudio();
                var copy = io.netty.buffer.Unpooled.buffer();
                writeVarint(copy, 0x08);
                writeVarint(copy, a.getBroadcastId());
                writeVarint(copy, 0x10);
                writeVarint(copy, a.getSeq());
                audio(copy, now);
            }
            case TIME_RESPONSE -> {
                if (batched) {
                    return; // it may have waited in the socket for a batch: no sample of the clocks
                }
                var t = env.getTimeResponse();
                recorder.clock(ClockSample.of(t.getAgentSentUs(), t.getControllerReceivedUs(), t.getControllerSentUs(), now));
            }
            default -> {
                // PlayReportAck, Command…: a lightweight station needs none of them
            }
        }
    }

    private void welcome() {
        recorder.welcomed.incrementAndGet();
        settle();
        heartbeat();
        timeRequest();
        var loop = channel.eventLoop();
        long jitter = ThreadLocalRandom.current().nextLong(5_000);
        timers.add(loop.scheduleAtFixedRate(this::heartbeat, 10_000 - jitter / 2, 10_000, TimeUnit.MILLISECONDS));
        timers.add(loop.scheduleAtFixedRate(this::timeRequest, jitter, 5_000, TimeUnit.MILLISECONDS));
    }

    private void start(BroadcastStart s, long now) {
        Current c = current;
        if (c != null && c.id == s.getBroadcastId()) {
            status(c.id, BroadcastStatus.State.RECEIVING, clock.nowMs(), "");
            return;
        }
        if (c != null && !c.finished) {
            finish(c, "replaced by " + s.getBroadcastId());
        }
        Current n = new Current(s, now);
        current = n;
        if (!timed) {
            batchReads();
        }
        status(n.id, BroadcastStatus.State.RECEIVING, clock.nowMs(), "");
        long wait = Math.max(0, n.startAtMs - clock.nowMs());
        channel.eventLoop().schedule(() -> {
            if (!n.playingSent && !n.finished && n.firstPacketUs != 0) {
                playing(n, n.startAtMs);
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    /** From now on woken only when its {@link TimedSample#batchBytes} are waiting, until the link goes quiet. */
    private void batchReads() {
        if (batched) {
            return;
        }
        if (!channel.config().setOption(RCVLOWAT, TimedSample.batchBytes(credential.stationId()))) {
            recorder.problem("station " + credential.stationId() + ": SO_RCVLOWAT not supported on " + channel
                    + "; it reads every packet");
            return;
        }
        batched = true;
        lastReadUs = clock.nowUs();
        quietCheck = channel.eventLoop().scheduleAtFixedRate(this::readAllWhenQuiet, 1, 1, TimeUnit.SECONDS);
    }

    /** Nothing read for {@link #IDLE_MS}: every byte is read again (the kernel signals what is waiting at once). */
    private void readAllWhenQuiet() {
        if (batched && clock.nowUs() - lastReadUs >= IDLE_MS * 1000) {
            batched = false;
            channel.config().setOption(RCVLOWAT, 1);
            quietCheck.cancel(false);
        }
    }

    private void playing(Current c, long atMs) {
        c.playingSent = true;
        status(c.id, BroadcastStatus.State.PLAYING, atMs, "");
    }

    private void end(long broadcastId, int total, long now) {
        Current c = current;
        if (c == null || c.id != broadcastId || c.finished) {
            return;
        }
        c.total = total;
        c.endArrivedUs = now;
        long playStart = Math.max(c.startAtMs, c.firstPacketUs / 1000);
        long doneAt = playStart + total * c.frameMs;
        c.done = channel.eventLoop().schedule(() -> {
            if (!c.finished) {
                if (!c.playingSent) {
                    playing(c, clock.nowMs());
                }
                status(c.id, BroadcastStatus.State.DONE, clock.nowMs(),
                        c.missing > 0 ? "UNDERRUNS:" + c.missing : "");
                finish(c, null);
            }
        }, Math.max(0, doneAt - clock.nowMs()), TimeUnit.MILLISECONDS);
    }

    private void finish(Current c, String problem) {
        if (c.finished) {
            return;
        }
        c.finished = true;
        if (c.done != null) {
            c.done.cancel(false);
        }
        int missing = c.missing + (c.total > c.nextSeq ? c.total - c.nextSeq : 0);
        recorder.record(record(c, missing), c.trace.build());
        if (problem != null) {
            recorder.problem("station " + credential.stationId() + ", announcement " + c.id + ": " + problem);
        }
    }

    private BroadcastRecord record(Current c, int missing) {
        return new BroadcastRecord(credential.stationId(), c.id, c.startAtMs, c.startArrivedUs, c.firstPacketUs,
                c.lastPacketUs, c.received, missing, c.late, c.total, c.endArrivedUs, timed);
    }

    /**
     * What this station has seen so far of an announcement it is still receiving (read on its event
     * loop, so consistent); completes with null when it is not receiving that one, or has finished it.
     */
    Future<LoadRecorder.Finished> unfinished(long broadcastId) {
        Channel ch = channel;
        if (ch == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        return ch.eventLoop().submit(() -> {
            Current c = current;
            return c == null || c.id != broadcastId || c.finished ? null
                    : new LoadRecorder.Finished(record(c, c.missing), c.trace.build());
        });
    }

    private void heartbeat() {
        send(Envelope.newBuilder().setHeartbeat(Heartbeat.newBuilder().setUptimeMs(System.currentTimeMillis() - startedMs)
                .setClockSynchronised(true).setPlanVersion(planVersion).setAgentVersion("bench")
                .setDiskFreeBytes(8L << 30).setDiskTotalBytes(16L << 30).setSensorsKnown(true).setMainsPresent(true)
                .setVolumePercent(100).setSentAtMs(clock.nowMs())
                .setPlayingItemId(current != null && current.playingSent && !current.finished ? "b" + current.id : "")),
                true);
    }

    private void timeRequest() {
        send(Envelope.newBuilder().setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(clock.nowUs())), true);
    }

    private void status(long broadcastId, BroadcastStatus.State state, long atMs, String reason) {
        send(Envelope.newBuilder().setBroadcastStatus(BroadcastStatus.newBuilder().setBroadcastId(broadcastId)
                .setState(state).setAtMs(atMs).setReason(reason)), true);
    }

    private void send(Envelope.Builder env, boolean flush) {
        if (channel.isActive()) {
            if (flush) {
                channel.writeAndFlush(env.build(), channel.voidPromise());
            } else {
                channel.write(env.build(), channel.voidPromise());
            }
        }
    }

    private void settle() {
        if (!settled) {
            settled = true;
            onSettled.run();
        }
    }

    static long readVarint(ByteBuf b) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b.readUnsignedByte();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    static void writeVarint(ByteBuf b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.writeByte((int) v);
    }
}
