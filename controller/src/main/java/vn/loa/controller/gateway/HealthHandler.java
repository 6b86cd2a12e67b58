package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import vn.loa.protocol.v1.Envelope;

/**
 * Hands each heartbeat to the station monitor (health history, alarms) and passes it on, so the
 * heartbeat handler still keeps the latest one on the session.
 */
@Sharable
final class HealthHandler extends ChannelInboundHandlerAdapter {
    private final StationMonitor monitor;

    HealthHandler(StationMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope e && e.getKindCase() == Envelope.KindCase.HEARTBEAT) {
            StationSession session = ctx.channel().attr(StationSession.KEY).get();
            if (session != null) {
                monitor.heartbeat(session, e.getHeartbeat());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
