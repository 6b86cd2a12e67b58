package vn.loa.protocol.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an LOP stream: validates the header on construction, then returns packets one by one.
 * Every format violation is reported as an {@link IOException} naming the source and what is wrong.
 * Closing the reader closes the underlying stream.
 */
public final class OpusPacketReader implements AutoCloseable {

    private final InputStream in;
    private final String source;
    private final OpusPacketFile.Header header;
    private long packetIndex;

    /**
     * @param in     the stream, positioned at the start of the header
     * @param source a name for the stream used in error messages (e.g. a file name)
     */
    public OpusPacketReader(InputStream in, String source) throws IOException {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), 1 << 16);
        this.source = Objects.requireNonNull(source, "source");
        this.header = readHeader();
    }

    /** Opens a file; the stream is closed again if the header is invalid. */
    public static OpusPacketReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new OpusPacketReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public OpusPacketFile.Header header() {
        return header;
    }

    /** Index of the packet the next {@link #nextPacket()} call will return (0-based). */
    public long packetIndex() {
        return packetIndex;
    }

    /**
     * Returns the next Opus packet, or {@code null} at a clean end of stream.
     *
     * @throws IOException if the packet length is invalid or the stream ends inside a packet
     */
    public byte[] nextPacket() throws IOException {
        int hi = in.read();
        if (hi < 0) {
            return null;
        }
        int lo = in.read();
        if (lo < 0) {
            throw new IOException(source + ": truncated packet " + packetIndex + ": length prefix is cut off");
        }
        int length = (hi << 8) | lo;
        if (length == 0 || length > OpusPacketFile.MAX_PACKET_BYTES) {
            throw new IOException(source + ": invalid packet " + packetIndex + ": length " + length
                    + " is outside 1.." + OpusPacketFile.MAX_PACKET_BYTES);
        }
        byte[] packet = new byte[length];
        int read = in.readNBytes(packet, 0, length);
        if (read < length) {
            throw new IOException(source + ": truncated packet " + packetIndex + ": needs " + length
                    + " bytes, only " + read + " remain");
        }
        packetIndex++;
        return packet;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private OpusPacketFile.Header readHeader() throws IOException {
        byte[] bytes = new byte[OpusPacketFile.HEADER_BYTES];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read >= 8 && !OpusPacketFile.isMagic(bytes)) {
            throw new IOException(source + ": not an LOP file (bad magic, expected \""
                    + OpusPacketFile.MAGIC_TEXT + "\")");
        }
        if (read < bytes.length) {
            throw new IOException(source + ": truncated LOP header: " + read + " of "
                    + OpusPacketFile.HEADER_BYTES + " bytes", new EOFException());
        }
        int sampleRate = (int) readUnsigned(bytes, 8, 4);
        int channels = bytes[12] & 0xFF;
        int frameSamples = (int) readUnsigned(bytes, 13, 2);
        int preSkip = (int) readUnsigned(bytes, 15, 2);
        long totalSamples = readUnsigned(bytes, 17, 8);
        try {
            return new OpusPacketFile.Header(sampleRate, channels, frameSamples, preSkip, totalSamples);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": invalid LOP header: " + e.getMessage(), e);
        }
    }

    private static long readUnsigned(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
