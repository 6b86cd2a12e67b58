package vn.loa.protocol.codec;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import vn.loa.protocol.v1.Envelope;

/**
 * The one place that puts the Loa framing and codec into a pipeline; both the controller and the
 * agent use it. In: bounded varint32 frames, then protobuf {@link Envelope}s, then a guard against
 * unknown kinds. Out: protobuf, then the varint32 length prefix. TLS, when used, goes before
 * {@link #FRAME_DECODER}.
 */
public final class LoaCodec {
    public static final String FRAME_DECODER = "loaFrameDecoder";
    public static final String PROTOBUF_DECODER = "loaProtobufDecoder";
    public static final String KIND_GUARD = "loaKindGuard";
    public static final String FRAME_ENCODER = "loaFrameEncoder";
    public static final String PROTOBUF_ENCODER = "loaProtobufEncoder";

    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf("loa.failed");

    private LoaCodec() {
    }

    /** Marks the connection as failed: from now on every inbound byte is discarded. */
    public static void markFailed(Channel channel) {
        channel.attr(FAILED).set(Boolean.TRUE);
    }

    public static boolean hasFailed(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(FAILED).get());
    }

    public static void addTo(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast(FRAME_DECODER, new BoundedVarint32FrameDecoder(maxFrameBytes));
        pipeline.addLast(PROTOBUF_DECODER, new EnvelopeDecoder());
        pipeline.addLast(KIND_GUARD, KnownKindGuard.INSTANCE);
        pipeline.addLast(FRAME_ENCODER, new ProtobufVarint32LengthFieldPrepender());
        pipeline.addLast(PROTOBUF_ENCODER, new ProtobufEncoder());
    }
}
