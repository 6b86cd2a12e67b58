package vn.loa.protocol.codec;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/**
 * Last handler of a Loa pipeline: turns the first error on a connection into one log line, a
 * {@link Reject} to the peer and a close. Later errors on the same (closing) connection are ignored,
 * so a hostile stream cannot cause an exception storm in the logs.
 */
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {
    public static final String NAME = "loaProtocolErrors";
    /** Who is on the other end, for log lines ("station 12", "controller 127.0.0.1:7070"). */
    public static final AttributeKey<String> PEER = AttributeKey.valueOf("loa.peer");

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrorHandler.class);
    private static final long REJECT_FLUSH_TIMEOUT_MS = 2_000;

    private boolean failed;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            log.debug("{}: further error while closing: {}", peer(ctx), cause.toString());
            return;
        }
        failed = true;
        LoaCodec.markFailed(ctx.channel());
        Reject reject = toReject(cause);
        if (cause instanceof IOException) {
            log.info("{}: connection error: {}", peer(ctx), cause.getMessage());
            ctx.close();
            return;
        }
        log.warn("{}: {} — {}; closing the connection", peer(ctx), reject.getCode(), reject.getMessage());
        if (!ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(Envelope.newBuilder().setReject(reject).build())
                .addListener(ChannelFutureListener.CLOSE);
        // a peer that does not read must not keep the connection open
        ctx.executor().schedule(() -> ctx.close(), REJECT_FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    static String peer(ChannelHandlerContext ctx) {
        String peer = ctx.channel().attr(PEER).get();
        return peer != null ? peer : String.valueOf(ctx.channel().remoteAddress());
    }

    static Reject toReject(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        Reject.Builder reject = Reject.newBuilder();
        if (root instanceof ProtocolViolationException violation) {
            reject.mergeFrom(violation.reject());
        } else if (root instanceof TooLongFrameException) {
            reject.setCode(Reject.Code.FRAME_TOO_LARGE).setMessage(root.getMessage());
        } else if (root instanceof CorruptedFrameException
                || root instanceof com.google.protobuf.InvalidProtocolBufferException) {
            reject.setCode(Reject.Code.MALFORMED_FRAME).setMessage("malformed frame: " + root.getMessage());
        } else {
            reject.setCode(Reject.Code.PROTOCOL_VIOLATION).setMessage(String.valueOf(root));
        }
        return reject.build();
    }
}
