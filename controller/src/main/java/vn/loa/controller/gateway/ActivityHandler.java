package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Clock;

/** Any frame from a station counts as a sign of life. */
@Sharable
final class ActivityHandler extends ChannelInboundHandlerAdapter {
    private final Clock clock;

    ActivityHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StationSession s = ctx.channel().attr(StationSession.KEY).get();
        if (s != null) {
            s.seen(clock.instant());
        }
        ctx.fireChannelRead(msg);
    }
}
