package vn.loa.controller.media;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.io.OutputStream;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketWriter;

/**
 * Encodes 24 kHz mono float samples to an LOP stream: 20 ms Opus frames at 32 kbit/s. The output stream is flushed
 * by {@link #finish()} but never closed.
 */
final class OpusLopEncoder {

    static final int SAMPLE_RATE = 24_000;
    static final int FRAME_SAMPLES = 480;
    static final int BITRATE = 32_000;
    /** Fast enough to stay far below real time on a small server, with little audible difference to 10. */
    static final int COMPLEXITY = 5;

    private final OpusEncoder encoder;
    private final OpusPacketWriter writer;
    private final long totalSamples;
    private final int lookahead;
    private final short[] frame = new short[FRAME_SAMPLES];
    private final byte[] packet = new byte[OpusPacketFile.MAX_PACKET_BYTES];
    private int framed;
    private long written;

    /**
     * @param out          receives the LOP bytes
     * @param totalSamples exact number of samples that will be passed to {@link #write}
     */
    OpusLopEncoder(OutputStream out, long totalSamples) throws IOException {
        try {
            encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IOException("cannot create Opus encoder: " + e.getMessage(), e);
        }
        encoder.setBitrate(BITRATE);
        encoder.setComplexity(COMPLEXITY);
        this.lookahead = encoder.getLookahead();
        this.totalSamples = totalSamples;
        this.writer = new OpusPacketWriter(out,
                new OpusPacketFile.Header(SAMPLE_RATE, 1, FRAME_SAMPLES, lookahead, totalSamples));
    }

    int preSkip() {
        return lookahead;
    }

    /** Appends samples (nominally in [-1, 1]) multiplied by {@code gain}; the result is clipped to 16 bits. */
    void write(float[] samples, double gain) throws IOException {
        float g = (float) gain;
        for (float s : samples) {
            int value = Math.round(s * g * 32767f);
            frame[framed++] = (short) Math.max(-32768, Math.min(32767, value));
            if (framed == FRAME_SAMPLES) {
                encodeFrame();
            }
        }
        written += samples.length;
    }

    /**
     * Pads with silence so that the encoded length covers {@code totalSamples + lookahead} rounded up to a whole
     * frame, encodes the rest and flushes.
     */
    void finish() throws IOException {
        if (written != totalSamples) {
            throw new IllegalStateException("expected " + totalSamples + " samples, got " + written);
        }
        long needed = totalSamples + lookahead;
        long frames = (needed + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        long padding = frames * FRAME_SAMPLES - totalSamples;
        for (long i = 0; i < padding; i++) {
            frame[framed++] = 0;
            if (framed == FRAME_SAMPLES) {
                encodeFrame();
            }
        }
        writer.flush();
    }

    private void encodeFrame() throws IOException {
        try {
            int length = encoder.encode(frame, 0, FRAME_SAMPLES, packet, 0, packet.length);
            writer.writePacket(packet, 0, length);
        } catch (OpusException e) {
            throw new IOException("Opus encoding failed: " + e.getMessage(), e);
        }
        framed = 0;
    }
}
