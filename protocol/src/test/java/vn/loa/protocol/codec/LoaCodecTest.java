package vn.loa.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.Reject;

class LoaCodecTest {
    private static final int CAP = 4096;

    /** A channel with the codec, the error handler and a sink that records what got through. */
    private static final class Peer {
        final List<Envelope> received = new ArrayList<>();
        final AtomicInteger errors = new AtomicInteger();
        final EmbeddedChannel channel = new EmbeddedChannel();

        Peer() {
            LoaCodec.addTo(channel.pipeline(), CAP);
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.add((Envelope) msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    errors.incrementAndGet();
                    ctx.fireExceptionCaught(cause);
                }
            });
            channel.pipeline().addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());
        }

        /** The Reject the peer was sent before the close, if any. */
        Reject sentReject() {
            EmbeddedChannel decoder = new EmbeddedChannel();
            LoaCodec.addTo(decoder.pipeline(), CAP);
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                decoder.writeInbound(out);
            }
            Envelope env = decoder.readInbound();
            return env == null ? null : env.getReject();
        }
    }

    private static ByteBuf encode(Envelope... envelopes) {
        EmbeddedChannel encoder = new EmbeddedChannel();
        LoaCodec.addTo(encoder.pipeline(), CAP);
        ByteBuf all = Unpooled.buffer();
        for (Envelope e : envelopes) {
            encoder.writeOutbound(e);
            ByteBuf b;
            while ((b = encoder.readOutbound()) != null) {
                all.writeBytes(b);
                b.release();
            }
        }
        return all;
    }

    private static Envelope hello() {
        return Envelope.newBuilder().setRequestId(1)
                .setHello(Hello.newBuilder().setProtocolVersion(1).setStationId(7).setSecret("s")).build();
    }

    private static Envelope chunk(int size) {
        return Envelope.newBuilder().setFileChunk(FileChunk.newBuilder()
                .setSha256("ab").setData(com.google.protobuf.ByteString.copyFrom(new byte[size]))).build();
    }

    @Test
    void lengthPrefixAndBodySplitAtEveryByte() {
        // a 300-byte frame has a two-byte length prefix, so splits fall inside the prefix too
        Envelope first = chunk(300);
        Envelope second = Envelope.newBuilder().setHeartbeat(Heartbeat.newBuilder().setUptimeMs(5)).build();
        byte[] bytes = toArray(encode(first, second));
        for (int split = 0; split <= bytes.length; split++) {
            Peer peer = new Peer();
            peer.channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            peer.channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertThat(peer.received).as("split at %d", split).containsExactly(first, second);
            assertThat(peer.errors).hasValue(0);
        }
    }

    @Test
    void oneByteAtATime() {
        Envelope e = hello();
        byte[] bytes = toArray(encode(e, e, e));
        Peer peer = new Peer();
        for (byte b : bytes) {
            peer.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(peer.received).containsExactly(e, e, e);
    }

    @Test
    void oversizedFrameIsRefusedFromItsPrefixAlone() {
        Peer peer = new Peer();
        // prefix announcing 10 MB, and nothing else: refused without waiting for (or buffering) the body
        peer.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0xAD, (byte) 0xE2, 0x04}));
        assertThat(peer.errors).hasValue(1);
        assertThat(peer.channel.isActive()).isFalse();
        assertThat(peer.sentReject().getCode()).isEqualTo(Reject.Code.FRAME_TOO_LARGE);
    }

    @Test
    void frameJustUnderTheCapPasses() {
        Envelope big = chunk(CAP - 64);
        Peer peer = new Peer();
        peer.channel.writeInbound(encode(big));
        assertThat(peer.received).containsExactly(big);
    }

    @Test
    void overlongVarintIsMalformed() {
        Peer peer = new Peer();
        peer.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}));
        assertThat(peer.errors).hasValue(1);
        assertThat(peer.sentReject().getCode()).isEqualTo(Reject.Code.MALFORMED_FRAME);
        assertThat(peer.channel.isActive()).isFalse();
    }

    @Test
    void malformedProtobufIsRefusedOnce() {
        Peer peer = new Peer();
        // length 3, then bytes that are not a valid protobuf message (field 0 / truncated)
        peer.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 0x00, (byte) 0xFF, (byte) 0xFF}));
        assertThat(peer.errors).hasValue(1);
        assertThat(peer.sentReject().getCode()).isEqualTo(Reject.Code.MALFORMED_FRAME);
        assertThat(peer.channel.isActive()).isFalse();
    }

    @Test
    void unknownKindIsRefused() {
        Peer peer = new Peer();
        // field 99, varint 1: a message kind from some future version
        byte[] body = {(byte) 0x98, 0x06, 0x01};
        peer.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) body.length}), Unpooled.wrappedBuffer(body));
        assertThat(peer.received).isEmpty();
        assertThat(peer.errors).hasValue(1);
        Reject reject = peer.sentReject();
        assertThat(reject.getCode()).isEqualTo(Reject.Code.UNKNOWN_MESSAGE);
        assertThat(reject.getMessage()).contains("99");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void garbageGivesAtMostOneErrorAndBoundedMemory(long seed) {
        Random random = new Random(seed);
        Peer peer = new Peer();
        for (int i = 0; i < 50 && peer.channel.isOpen(); i++) {
            byte[] junk = new byte[1 + random.nextInt(2000)];
            random.nextBytes(junk);
            peer.channel.writeInbound(Unpooled.wrappedBuffer(junk));
        }
        // random bytes may parse as a few valid-looking frames, but never more than one error
        assertThat(peer.errors.get()).isLessThanOrEqualTo(1);
        peer.channel.finishAndReleaseAll();

        // and a fresh connection works as before
        Peer next = new Peer();
        next.channel.writeInbound(encode(hello()));
        assertThat(next.received).containsExactly(hello());
    }

    @Test
    void bytesAfterAnErrorAreDiscardedSilently() {
        Peer peer = new Peer();
        // a malformed frame, then valid frames in the same read: nothing after the error is delivered
        ByteBuf stream = Unpooled.buffer();
        stream.writeBytes(new byte[] {2, (byte) 0xFF, (byte) 0xFF});
        stream.writeBytes(encode(hello(), hello()));
        peer.channel.writeInbound(stream);
        assertThat(peer.received).isEmpty();
        assertThat(peer.errors).hasValue(1);
    }

    private static byte[] toArray(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }
}
