package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import vn.loa.protocol.codec.ProtocolViolationException;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/** The end of the session handlers: a known kind that an agent must not send. */
@Sharable
final class UnexpectedMessageHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String kind = msg instanceof Envelope e ? e.getKindCase().name() : msg.getClass().getSimpleName();
        throw new ProtocolViolationException(Reject.Code.PROTOCOL_VIOLATION, "an agent may not send " + kind);
    }
}
