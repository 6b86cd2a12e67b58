package vn.loa.controller.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FramedPacketsTest {

    /** What the gateway's frame encoder writes for {@code body}: the oracle the chunks are checked against. */
    private static byte[] framed(byte[] body) {
        EmbeddedChannel encoder = new EmbeddedChannel(new ProtobufVarint32LengthFieldPrepender());
        encoder.writeOutbound(Unpooled.wrappedBuffer(body));
        ByteBuf out = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
            encoder.finishAndReleaseAll();
        }
    }

    private static byte[] body(int seq, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seq);
        return b;
    }

    /** What the writes of packets from … to carry, one slice per run, concatenated; and how many slices. */
    private static byte[] written(FramedPackets p, int from, int to, List<Integer> slices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (int i = from; i < to; ) {
            int end = p.runEnd(i, to);
            ByteBuf s = p.slice(i, end);
            out.writeBytes(ByteBufUtil.getBytes(s));
            n++;
            i = end;
        }
        slices.add(n);
        return out.toByteArray();
    }

    @Test
    void consecutivePacketsGoAsOneBufferPerChunkWithTheFrameEncodersBytes() {
        record Case(String why, int[] sizes, int from, int to, int slices) {
        }
        int big = FramedPackets.CHUNK_BYTES / 3 - 8; // three framed fit in a chunk, the fourth does not
        for (Case c : List.of(
                new Case("four small packets: one buffer", new int[] {60, 61, 62, 63}, 0, 4, 1),
                new Case("a run inside the list", new int[] {60, 61, 62, 63, 64}, 1, 4, 1),
                new Case("one packet", new int[] {60}, 0, 1, 1),
                new Case("a length over 127: a two-byte prefix", new int[] {200, 300}, 0, 2, 1),
                new Case("across a chunk's end: two buffers", new int[] {big, big, big, big, 10}, 1, 5, 2),
                new Case("the chunk's end excluded", new int[] {big, big, big, big}, 0, 3, 1),
                new Case("a packet bigger than a chunk gets its own", new int[] {10, FramedPackets.CHUNK_BYTES + 5, 10},
                        0, 3, 3))) {
            FramedPackets p = new FramedPackets();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int seq = 0; seq < c.sizes().length; seq++) {
                p.append(body(seq, c.sizes()[seq]));
                if (seq >= c.from() && seq < c.to()) {
                    expected.writeBytes(framed(body(seq, c.sizes()[seq])));
                }
            }
            assertThat(p.count()).as(c.why()).isEqualTo(c.sizes().length);
            List<Integer> slices = new ArrayList<>();
            assertThat(written(p, c.from(), c.to(), slices)).as(c.why()).isEqualTo(expected.toByteArray());
            assertThat(slices).as(c.why()).containsExactly(c.slices());
        }
    }

    @Test
    void aSliceHasItsOwnIndicesSoEveryStationReadsTheSameBytes() {
        FramedPackets p = new FramedPackets();
        p.append(body(1, 40));
        p.append(body(2, 40));
        ByteBuf first = p.slice(0, 2);
        first.skipBytes(first.readableBytes()); // one station's write consumed it
        ByteBuf second = p.slice(0, 2);
        assertThat(ByteBufUtil.getBytes(second)).startsWith(framed(body(1, 40)));
        assertThat(second.release()).as("never freed by a write: the broadcast keeps it").isFalse();
        assertThat(p.slice(0, 1).readableBytes()).isEqualTo(41);
    }

    @Test
    void thousandsOfPacketsGrowTheIndexAndKeepTheirBytes() {
        FramedPackets p = new FramedPackets();
        for (int seq = 0; seq < 3_000; seq++) {
            p.append(body(seq, 70));
        }
        for (int seq : new int[] {0, 255, 256, 1_000, 2_999}) {
            assertThat(ByteBufUtil.getBytes(p.slice(seq, seq + 1))).as("packet %d", seq)
                    .isEqualTo(framed(body(seq, 70)));
        }
    }
}
