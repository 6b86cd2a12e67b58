package vn.loa.controller.media;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketReader;

/**
 * Decodes a stored LOP file (Opus packets, see docs/media.md) to a 16-bit PCM WAV, so a browser can play a
 * bulletin. The decoder's pre-skip is dropped and exactly {@code totalSamples} samples per channel come out.
 */
public final class LopWavDecoder {
    /** Longest Opus packet (120 ms) at 48 kHz, per channel. */
    private static final int MAX_PACKET_SAMPLES = 5760;
    private static final int WAV_HEADER_BYTES = 44;

    private LopWavDecoder() {
    }

    /** Thrown when the decoded WAV would be larger than the caller allows. */
    public static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException(String message) {
            super(message);
        }
    }

    /** The size of the WAV {@link #decode} would produce for this header. */
    public static long wavBytes(OpusPacketFile.Header h) {
        return WAV_HEADER_BYTES + h.totalSamples() * h.channels() * 2L;
    }

    /**
     * Decodes the whole file into a WAV held in memory.
     *
     * @throws TooLongException if the WAV would be larger than {@code maxBytes}
     * @throws IOException      if the file is not a valid LOP file, a packet is corrupt or the file ends early
     */
    public static byte[] decode(Path lop, long maxBytes) throws IOException {
        try (OpusPacketReader reader = OpusPacketReader.open(lop)) {
            OpusPacketFile.Header h = reader.header();
            long size = wavBytes(h);
            if (size > maxBytes || size > Integer.MAX_VALUE - 8) {
                throw new TooLongException("the decoded audio would be " + size + " bytes, more than the limit of "
                        + maxBytes + " bytes");
            }
            ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            writeHeader(out, h.sampleRate(), h.channels(), (int) (size - WAV_HEADER_BYTES));
            OpusDecoder decoder;
            try {
                decoder = new OpusDecoder(h.sampleRate(), h.channels());
            } catch (OpusException e) {
                throw new IOException(lop + ": cannot create an Opus decoder: " + e.getMessage(), e);
            }
            short[] pcm = new short[MAX_PACKET_SAMPLES * h.channels()];
            long skip = h.preSkip();
            long remaining = h.totalSamples();
            while (remaining > 0) {
                byte[] packet = reader.nextPacket();
                if (packet == null) {
                    throw new IOException(lop + ": ends early: " + remaining + " of " + h.totalSamples()
                            + " samples are missing");
                }
                int samples;
                try {
                    samples = decoder.decode(packet, 0, packet.length, pcm, 0, MAX_PACKET_SAMPLES, false);
                } catch (OpusException | RuntimeException e) {
                    throw new IOException(lop + ": corrupt Opus packet " + (reader.packetIndex() - 1) + ": "
                            + e.getMessage(), e);
                }
                int from = (int) Math.min(skip, samples);
                skip -= from;
                int take = (int) Math.min(samples - from, remaining);
                for (int i = from * h.channels(); i < (from + take) * h.channels(); i++) {
                    out.putShort(pcm[i]);
                }
                remaining -= take;
            }
            return out.array();
        }
    }

    private static void writeHeader(ByteBuffer b, int rate, int channels, int dataBytes) {
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
    }
}
