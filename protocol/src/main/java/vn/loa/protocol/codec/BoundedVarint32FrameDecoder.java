package vn.loa.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the stream into frames prefixed by their length as a base-128 varint32, refusing any frame
 * longer than a cap as soon as its length prefix is read (Netty's own varint decoder has no cap).
 * After the first error it discards everything the peer sends, so a broken stream yields exactly one
 * exception and bounded memory while the connection is being closed.
 */
public final class BoundedVarint32FrameDecoder extends ByteToMessageDecoder {
    private static final int MAX_PREFIX_BYTES = 5;

    private final int maxFrameBytes;
    private boolean failed;

    public BoundedVarint32FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed || LoaCodec.hasFailed(ctx.channel())) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        long length = 0;
        int prefixBytes = 0;
        while (true) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return;
            }
            byte b = in.readByte();
            length |= (long) (b & 0x7F) << (7 * prefixBytes);
            prefixBytes++;
            if ((b & 0x80) == 0) {
                break;
            }
            if (prefixBytes == MAX_PREFIX_BYTES) {
                fail(in);
                throw new CorruptedFrameException("length prefix longer than 5 bytes");
            }
        }
        if (length > maxFrameBytes) {
            fail(in);
            throw new TooLongFrameException("frame of " + length + " bytes exceeds the cap of " + maxFrameBytes);
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        out.add(in.readRetainedSlice((int) length));
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
