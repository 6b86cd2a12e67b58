package vn.loa.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpusPacketFileTest {

    private static final OpusPacketFile.Header HEADER = new OpusPacketFile.Header(24000, 1, 480, 156, 72_000);

    @Test
    void roundTripsHeaderAndPackets() throws IOException {
        List<byte[]> packets = List.of(new byte[] {1}, bytes(200, 7), bytes(OpusPacketFile.MAX_PACKET_BYTES, 3));
        byte[] file = write(HEADER, packets);

        assertThat(file.length).isEqualTo(OpusPacketFile.HEADER_BYTES + 3 * 2 + 1 + 200 + OpusPacketFile.MAX_PACKET_BYTES);
        assertThat(new String(file, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("LOAOPUS1");
        try (OpusPacketReader reader = new OpusPacketReader(new ByteArrayInputStream(file), "mem")) {
            assertThat(reader.header()).isEqualTo(HEADER);
            List<byte[]> read = readAll(reader);
            assertThat(read).hasSize(3);
            for (int i = 0; i < packets.size(); i++) {
                assertThat(read.get(i)).isEqualTo(packets.get(i));
            }
            assertThat(reader.packetIndex()).isEqualTo(3);
        }
    }

    @Test
    void headerLayoutIsBigEndian() throws IOException {
        OpusPacketFile.Header header = new OpusPacketFile.Header(48000, 2, 960, 312, 0x0102030405060708L);
        ByteBuffer buf = ByteBuffer.wrap(write(header, List.of()));
        buf.position(8);
        assertThat(buf.getInt()).isEqualTo(48000);
        assertThat(buf.get()).isEqualTo((byte) 2);
        assertThat(buf.getShort()).isEqualTo((short) 960);
        assertThat(buf.getShort()).isEqualTo((short) 312);
        assertThat(buf.getLong()).isEqualTo(0x0102030405060708L);
        assertThat(buf.hasRemaining()).isFalse();
    }

    @Test
    void readsFromPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.lop");
        Files.write(file, write(HEADER, List.of(bytes(10, 1), bytes(20, 2))));
        try (OpusPacketReader reader = OpusPacketReader.open(file)) {
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(readAll(reader)).hasSize(2);
        }
    }

    @Test
    void durationIsRounded() {
        assertThat(new OpusPacketFile.Header(24000, 1, 480, 0, 24_012).durationMillis()).isEqualTo(1001);
    }

    @Test
    void rejectsBadMagic() {
        byte[] file = write(HEADER, List.of());
        file[0] = 'X';
        assertReadFails(file, "bad magic");
    }

    @Test
    void rejectsUnsupportedRateAndChannels() {
        byte[] file = write(HEADER, List.of());
        ByteBuffer.wrap(file).putInt(8, 44100);
        assertReadFails(file, "unsupported sample rate 44100");

        byte[] stereo = write(HEADER, List.of());
        stereo[12] = 3;
        assertReadFails(stereo, "unsupported channel count 3");
    }

    @Test
    void rejectsZeroFrameSizeAndNegativeTotal() {
        byte[] file = write(HEADER, List.of());
        ByteBuffer.wrap(file).putShort(13, (short) 0);
        assertReadFails(file, "frame size");

        byte[] huge = write(HEADER, List.of());
        ByteBuffer.wrap(huge).putLong(17, -1L);
        assertReadFails(huge, "total samples");
    }

    @Test
    void rejectsTruncatedHeader() {
        byte[] file = write(HEADER, List.of());
        assertReadFails(Arrays.copyOf(file, 20), "truncated LOP header: 20 of 25");
        assertReadFails(new byte[0], "truncated LOP header: 0 of 25");
    }

    @Test
    void rejectsTruncatedPacket() {
        byte[] file = write(HEADER, List.of(bytes(100, 1), bytes(100, 2)));
        assertReadFails(Arrays.copyOf(file, file.length - 1), "truncated packet 1: needs 100 bytes, only 99 remain");
        assertReadFails(Arrays.copyOf(file, OpusPacketFile.HEADER_BYTES + 102 + 1), "truncated packet 1: length");
    }

    @Test
    void rejectsInvalidPacketLengths() {
        byte[] zero = concat(write(HEADER, List.of()), new byte[] {0, 0});
        assertReadFails(zero, "invalid packet 0: length 0");

        int tooLong = OpusPacketFile.MAX_PACKET_BYTES + 1;
        byte[] big = concat(write(HEADER, List.of()), new byte[] {(byte) (tooLong >> 8), (byte) tooLong});
        assertReadFails(big, "invalid packet 0: length 3826");
    }

    @Test
    void writerRejectsInvalidPackets() throws IOException {
        try (OpusPacketWriter writer = new OpusPacketWriter(new ByteArrayOutputStream(), HEADER)) {
            assertThatThrownBy(() -> writer.writePacket(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.writePacket(new byte[OpusPacketFile.MAX_PACKET_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void headerRejectsInvalidValues() {
        assertThatThrownBy(() -> new OpusPacketFile.Header(44100, 1, 480, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusPacketFile.Header(24000, 0, 480, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusPacketFile.Header(24000, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusPacketFile.Header(24000, 1, 480, 70_000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertReadFails(byte[] file, String message) {
        assertThatThrownBy(() -> {
            try (OpusPacketReader reader = new OpusPacketReader(new ByteArrayInputStream(file), "test.lop")) {
                readAll(reader);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("test.lop").hasMessageContaining(message);
    }

    private static List<byte[]> readAll(OpusPacketReader reader) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] p = reader.nextPacket(); p != null; p = reader.nextPacket()) {
            packets.add(p);
        }
        return packets;
    }

    private static byte[] write(OpusPacketFile.Header header, List<byte[]> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OpusPacketWriter writer = new OpusPacketWriter(out, header)) {
            for (byte[] p : packets) {
                writer.writePacket(p);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
