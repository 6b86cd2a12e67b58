package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import vn.loa.protocol.v1.Envelope;

/** Handles one kind of message and passes every other kind along the pipeline. */
abstract class KindHandler extends ChannelInboundHandlerAdapter {
    private final Envelope.KindCase kind;

    KindHandler(Envelope.KindCase kind) {
        this.kind = kind;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Envelope e && e.getKindCase() == kind) {
            handle(ctx, ctx.channel().attr(StationSession.KEY).get(), e);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    abstract void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) throws Exception;
}
