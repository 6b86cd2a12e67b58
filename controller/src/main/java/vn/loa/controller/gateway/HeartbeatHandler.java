package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import vn.loa.protocol.v1.Envelope;

/** Keeps the station's latest health. */
@Sharable
final class HeartbeatHandler extends KindHandler {
    HeartbeatHandler() {
        super(Envelope.KindCase.HEARTBEAT);
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        session.heartbeat(envelope.getHeartbeat());
    }
}
