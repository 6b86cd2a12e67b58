package vn.loa.agent.media;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketReader;

/**
 * Decodes an LOP file to 16-bit PCM, one frame at a time.
 *
 * <p>{@link #nextFrame()} returns interleaved frames of {@code header().frameSamples()} samples per channel; the
 * decoder's pre-skip is dropped and the last frame is shortened so that exactly {@code header().totalSamples()}
 * samples per channel come out. Not thread-safe.
 */
public final class OpusFileDecoder implements AutoCloseable {

    /** Longest Opus packet duration (120 ms) at the highest rate, per channel. */
    private static final int MAX_PACKET_SAMPLES = 5760;

    private final Path file;
    private final OpusPacketReader reader;
    private final OpusPacketFile.Header header;
    private final OpusDecoder decoder;
    private final short[] decoded;
    private short[] pending;
    private int pendingStart;
    private int pendingEnd;
    private long toSkip;
    private long remaining;
    private boolean packetsExhausted;

    private OpusFileDecoder(Path file, OpusPacketReader reader) throws IOException {
        this.file = file;
        this.reader = reader;
        this.header = reader.header();
        try {
            this.decoder = new OpusDecoder(header.sampleRate(), header.channels());
        } catch (OpusException e) {
            throw new IOException(file + ": cannot create Opus decoder: " + e.getMessage(), e);
        }
        int channels = header.channels();
        this.decoded = new short[MAX_PACKET_SAMPLES * channels];
        this.pending = new short[(header.frameSamples() + MAX_PACKET_SAMPLES) * channels];
        this.toSkip = header.preSkip();
        this.remaining = header.totalSamples();
    }

    /** Opens and validates the header of an LOP file. */
    public static OpusFileDecoder open(Path file) throws IOException {
        OpusPacketReader reader = OpusPacketReader.open(file);
        try {
            return new OpusFileDecoder(file, reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public OpusPacketFile.Header header() {
        return header;
    }

    /** Samples per channel still to be returned. */
    public long remainingSamples() {
        return remaining;
    }

    /**
     * Returns the next interleaved frame ({@code frameSamples * channels} values; the last one may be shorter), or
     * {@code null} once {@code totalSamples} samples per channel have been returned.
     *
     * @throws IOException if a packet is corrupt or the file ends before {@code totalSamples}; the message names the
     *                     file and the packet index
     */
    public short[] nextFrame() throws IOException {
        if (remaining == 0) {
            return null;
        }
        int channels = header.channels();
        int wanted = (int) Math.min(header.frameSamples(), remaining);
        while ((pendingEnd - pendingStart) / channels < wanted) {
            if (packetsExhausted || !decodeNextPacket()) {
                packetsExhausted = true;
                throw new IOException(file + ": ends early after packet " + (reader.packetIndex() - 1) + ": "
                        + remaining + " of " + header.totalSamples() + " samples are missing");
            }
        }
        short[] frame = Arrays.copyOfRange(pending, pendingStart, pendingStart + wanted * channels);
        pendingStart += wanted * channels;
        remaining -= wanted;
        return frame;
    }

    /** Decodes one packet into the pending buffer (after pre-skip); returns false at end of file. */
    private boolean decodeNextPacket() throws IOException {
        byte[] packet = reader.nextPacket();
        if (packet == null) {
            return false;
        }
        long index = reader.packetIndex() - 1;
        int channels = header.channels();
        int samples;
        try {
            samples = decoder.decode(packet, 0, packet.length, decoded, 0, MAX_PACKET_SAMPLES, false);
        } catch (OpusException | RuntimeException e) {
            throw new IOException(file + ": corrupt Opus packet " + index + ": " + e.getMessage(), e);
        }
        if (samples <= 0) {
            throw new IOException(file + ": corrupt Opus packet " + index + ": decoded to no samples");
        }
        int skip = (int) Math.min(toSkip, samples);
        toSkip -= skip;
        int count = (samples - skip) * channels;
        compactPending(count);
        System.arraycopy(decoded, skip * channels, pending, pendingEnd, count);
        pendingEnd += count;
        return true;
    }

    private void compactPending(int incoming) {
        int live = pendingEnd - pendingStart;
        if (pendingEnd + incoming > pending.length) {
            if (live + incoming > pending.length) {
                pending = Arrays.copyOf(pending, live + incoming);
            }
            System.arraycopy(pending, pendingStart, pending, 0, live);
            pendingStart = 0;
            pendingEnd = live;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
