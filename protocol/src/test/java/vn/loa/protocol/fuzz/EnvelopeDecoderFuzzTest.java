package vn.loa.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/**
 * Coverage-guided fuzzing of the inbound half of the wire codec (bounded varint32 framing, protobuf
 * Envelope parsing, the unknown-kind guard, the error handler), exactly as the controller and the
 * agent build it. The first input byte chooses where the rest is split into two TCP reads.
 *
 * <p>What must hold for any bytes: nothing escapes the pipeline but a Reject and a close; every
 * envelope that gets through has a known kind and survives re-encoding; after the first error
 * nothing more gets through; a connection that did not fail stays open. Run as a plain test, this
 * replays {@code src/test/resources/vn/loa/protocol/fuzz/EnvelopeDecoderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/resilience.md).
 */
class EnvelopeDecoderFuzzTest {
    private static final int CAP = 64 * 1024;

    @FuzzTest(maxDuration = "60s")
    @Timeout(300)
    void decodeArbitraryBytes(byte[] input) throws Exception {
        List<Envelope> received = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        LoaCodec.addTo(channel.pipeline(), CAP);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                assertThat(errors).as("a message got through after the connection failed").isEmpty();
                received.add((Envelope) msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
                ctx.fireExceptionCaught(cause);
            }
        });
        channel.pipeline().addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());

        int split = input.length == 0 ? 0 : Math.floorMod(input[0], input.length);
        byte[] body = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        split = Math.min(split, body.length);
        channel.writeInbound(Unpooled.wrappedBuffer(body, 0, split));
        if (channel.isOpen()) {
            channel.writeInbound(Unpooled.wrappedBuffer(body, split, body.length - split));
        }
        channel.runPendingTasks();
        channel.checkException(); // nothing escaped the error handler

        for (Envelope e : received) {
            assertThat(e.getKindCase()).isNotEqualTo(Envelope.KindCase.KIND_NOT_SET);
            assertThat(Envelope.parseFrom(e.toByteArray())).isEqualTo(e);
        }
        if (errors.isEmpty()) {
            assertThat(channel.isOpen()).as("a connection without errors stays open").isTrue();
        } else {
            Reject reject = sentReject(channel);
            assertThat(reject).as("the peer is told why (%s)", errors.get(0)).isNotNull();
            assertThat(reject.getCode()).isNotEqualTo(Reject.Code.UNRECOGNIZED);
            assertThat(channel.isOpen()).as("a failed connection is closed").isFalse();
        }
        channel.finishAndReleaseAll();
    }

    private static Reject sentReject(EmbeddedChannel channel) throws Exception {
        EmbeddedChannel decoder = new EmbeddedChannel();
        LoaCodec.addTo(decoder.pipeline(), CAP);
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            decoder.writeInbound(out);
        }
        Envelope env = decoder.readInbound();
        decoder.finishAndReleaseAll();
        return env == null ? null : env.getReject();
    }
}
