package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import java.time.Clock;
import java.time.Instant;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.TimeResponse;

/** Answers clock-sync requests with the controller's receive and send instants. */
@Sharable
final class TimeSyncHandler extends KindHandler {
    private final Clock clock;

    TimeSyncHandler(Clock clock) {
        super(Envelope.KindCase.TIME_REQUEST);
        this.clock = clock;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        long received = micros(clock.instant());
        TimeResponse.Builder r = TimeResponse.newBuilder()
                .setAgentSentUs(envelope.getTimeRequest().getAgentSentUs()).setControllerReceivedUs(received);
        r.setControllerSentUs(micros(clock.instant()));
        ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(envelope.getRequestId()).setTimeResponse(r).build(),
                ctx.voidPromise());
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
