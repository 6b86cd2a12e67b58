package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.BiConsumer;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Envelope;

/** What a station does with an announcement: receiving, playing, done, failed. */
@Sharable
final class BroadcastStatusHandler extends KindHandler {
    private final BiConsumer<Long, BroadcastStatus> sink;

    BroadcastStatusHandler(BiConsumer<Long, BroadcastStatus> sink) {
        super(Envelope.KindCase.BROADCAST_STATUS);
        this.sink = sink;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        sink.accept(session.stationId(), envelope.getBroadcastStatus());
    }
}
