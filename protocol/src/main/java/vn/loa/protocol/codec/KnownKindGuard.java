package vn.loa.protocol.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/**
 * Refuses envelopes whose kind this build does not know (a newer peer's message, or random bytes
 * that happened to parse as protobuf).
 */
@Sharable
public final class KnownKindGuard extends ChannelInboundHandlerAdapter {
    public static final KnownKindGuard INSTANCE = new KnownKindGuard();

    private KnownKindGuard() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (LoaCodec.hasFailed(ctx.channel())) {
            return;
        }
        if (msg instanceof Envelope envelope && envelope.getKindCase() == Envelope.KindCase.KIND_NOT_SET) {
            String fields = envelope.getUnknownFields().asMap().keySet().toString();
            throw new ProtocolViolationException(Reject.Code.UNKNOWN_MESSAGE,
                    "envelope of unknown kind (fields " + fields + ")");
        }
        ctx.fireChannelRead(msg);
    }
}
