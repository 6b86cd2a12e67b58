package vn.loa.controller.conformance;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.PlayReportAck;
import vn.loa.protocol.v1.TimeResponse;

/**
 * One agent connection as the conformance run sees it: frames arrive on the event loop and queue here; the run
 * (one thread) takes them in order. TimeRequests and PlayReports are answered at once, as a controller does, and
 * also queued so that the run can judge them.
 */
final class AgentSession {
    private final Channel channel;
    private final Clock clock;
    private final BlockingQueue<Envelope> inbound = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Queued after the last frame when the link closes, so that a wait ends at once. */
    private static final Envelope CLOSED = Envelope.getDefaultInstance();

    AgentSession(Channel channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
        channel.closeFuture().addListener(f -> {
            inbound.add(CLOSED);
            closed.complete(null);
        });
    }

    /** On the event loop. */
    void received(Envelope e) {
        switch (e.getKindCase()) {
            case TIME_REQUEST -> {
                long t1 = micros(clock.instant());
                channel.writeAndFlush(Envelope.newBuilder().setRefersTo(e.getRequestId())
                        .setTimeResponse(TimeResponse.newBuilder().setAgentSentUs(e.getTimeRequest().getAgentSentUs())
                                .setControllerReceivedUs(t1).setControllerSentUs(micros(clock.instant())))
                        .build());
            }
            case PLAY_REPORT -> channel.writeAndFlush(Envelope.newBuilder().setRefersTo(e.getRequestId())
                    .setPlayReportAck(PlayReportAck.newBuilder().addReportIds(e.getPlayReport().getReportId())).build());
            default -> {
            }
        }
        inbound.add(e);
    }

    void send(Envelope e) {
        channel.writeAndFlush(e);
    }

    /** A whole frame as it is (length prefix and body), past the codec's encoders: how the kit sends malformed frames. */
    void sendRaw(byte[] frame) {
        channel.pipeline().context(LoaCodec.FRAME_ENCODER).writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    /** The next frame that matches, skipping others (heartbeats…); empty when none comes in time or the link closed. */
    Optional<Envelope> next(Predicate<Envelope> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Envelope e = inbound.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return Optional.empty();
            }
            if (e == CLOSED) {
                inbound.add(CLOSED);
                return Optional.empty();
            }
            if (wanted.test(e)) {
                return Optional.of(e);
            }
        }
    }

    Optional<Envelope> next(Envelope.KindCase kind, Duration timeout) throws InterruptedException {
        return next(e -> e.getKindCase() == kind, timeout);
    }

    /** True when the agent closed (or the link dropped) within the timeout. */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    boolean isOpen() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
