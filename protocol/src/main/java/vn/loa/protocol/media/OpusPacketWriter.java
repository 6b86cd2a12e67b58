package vn.loa.protocol.media;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes an LOP stream: the header at construction, then one length-prefixed packet per {@link #writePacket} call.
 * Closing the writer closes the underlying stream.
 */
public final class OpusPacketWriter implements AutoCloseable {

    private final DataOutputStream out;
    private final OpusPacketFile.Header header;
    private long packetCount;

    public OpusPacketWriter(OutputStream out, OpusPacketFile.Header header) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(Objects.requireNonNull(out, "out"), 1 << 16));
        this.header = Objects.requireNonNull(header, "header");
        this.out.write(OpusPacketFile.magic());
        this.out.writeInt(header.sampleRate());
        this.out.writeByte(header.channels());
        this.out.writeShort(header.frameSamples());
        this.out.writeShort(header.preSkip());
        this.out.writeLong(header.totalSamples());
    }

    public OpusPacketFile.Header header() {
        return header;
    }

    /** Number of packets written so far. */
    public long packetCount() {
        return packetCount;
    }

    public void writePacket(byte[] packet) throws IOException {
        writePacket(packet, 0, packet.length);
    }

    /** Writes one Opus packet of 1..{@value OpusPacketFile#MAX_PACKET_BYTES} bytes. */
    public void writePacket(byte[] packet, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (length <= 0 || length > OpusPacketFile.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("Opus packet length must be 1.." + OpusPacketFile.MAX_PACKET_BYTES
                    + " bytes, got " + length);
        }
        out.writeShort(length);
        out.write(packet, offset, length);
        packetCount++;
    }

    /** Flushes buffered bytes to the underlying stream without closing it. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
