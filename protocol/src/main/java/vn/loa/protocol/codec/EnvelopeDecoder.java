package vn.loa.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import vn.loa.protocol.v1.Envelope;

/** Parses one frame into an {@link Envelope}; drops frames once the connection has failed. */
public final class EnvelopeDecoder extends MessageToMessageDecoder<ByteBuf> {

    public EnvelopeDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
        if (LoaCodec.hasFailed(ctx.channel())) {
            return;
        }
        int length = frame.readableBytes();
        if (frame.hasArray()) {
            out.add(Envelope.parser().parseFrom(frame.array(), frame.arrayOffset() + frame.readerIndex(), length));
        } else {
            out.add(Envelope.parser().parseFrom(ByteBufUtil.getBytes(frame, frame.readerIndex(), length, false)));
        }
    }
}
