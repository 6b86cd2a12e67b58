package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.v1.BroadcastAudio;
import vn.loa.protocol.v1.Envelope;
import com.google.protobuf.ByteString;

/** Packet timing maths and the hand-read BroadcastAudio envelope of the lightweight station. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PacketTimingTest {
    @Test
    void playInstantAndMargin() {
        long startAt = 1_780_000_000_000L;
        assertThat(PacketTiming.playAtUs(startAt, 0, 20)).isEqualTo(startAt * 1000);
        assertThat(PacketTiming.playAtUs(startAt, 50, 20)).isEqualTo(startAt * 1000 + 1_000_000);
        // arrived 300 ms before packet 50 plays
        assertThat(PacketTiming.marginUs(startAt, 50, 20, startAt * 1000 + 700_000)).isEqualTo(300_000);
        // arrived 5 ms after it should have played: late
        assertThat(PacketTiming.marginUs(startAt, 0, 20, startAt * 1000 + 5_000)).isEqualTo(-5_000);
    }

    @Test
    void frameLengthAndFirstAudio() {
        assertThat(PacketTiming.frameMs(480, 24_000)).isEqualTo(20);
        assertThat(PacketTiming.frameMs(960, 48_000)).isEqualTo(20);
        assertThat(PacketTiming.frameMs(1, 48_000)).isEqualTo(1);
        assertThatThrownBy(() -> PacketTiming.frameMs(480, 0)).isInstanceOf(IllegalArgumentException.class);
        long startAt = 1_000;
        assertThat(PacketTiming.firstAudioUs(startAt, 900_000)).isEqualTo(1_000_000); // in time: the start instant
        assertThat(PacketTiming.firstAudioUs(startAt, 1_040_000)).isEqualTo(1_040_000); // late: when it came
    }

    @Test
    void varintsRoundTrip() {
        ByteBuf b = Unpooled.buffer();
        for (long v : new long[] {0, 1, 127, 128, 300, 1L << 35, Long.MAX_VALUE}) {
            SimStation.writeVarint(b, v);
            assertThat(SimStation.readVarint(b)).isEqualTo(v);
        }
    }

    @Test
    void theAudioEnvelopeStartsWithTheKindTagTheStationLooksFor() {
        byte[] bytes = Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(7).setSeq(300)
                .setPacket(ByteString.copyFrom(new byte[60]))).build().toByteArray();
        assertThat(bytes[0] & 0xFF).isEqualTo(0xBA);
        assertThat(bytes[1] & 0xFF).isEqualTo(0x04);
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        b.skipBytes(2);
        SimStation.readVarint(b);
        assertThat(SimStation.readVarint(b)).isEqualTo(0x08);
        assertThat(SimStation.readVarint(b)).isEqualTo(7);
        assertThat(SimStation.readVarint(b)).isEqualTo(0x10);
        assertThat(SimStation.readVarint(b)).isEqualTo(300);
    }
}
