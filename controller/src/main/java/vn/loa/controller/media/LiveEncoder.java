package vn.loa.controller.media;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a live feed once for every station: 16-bit mono PCM at the sender's rate, resampled to
 * 24 kHz, cut into 20 ms Opus packets (24 kbit/s; Concentus's VOIP mode decodes to near silence, so the general mode is used).
 */
public final class LiveEncoder {
    public static final int SAMPLE_RATE = 24_000;
    public static final int FRAME_SAMPLES = 480;
    private static final int BITRATE = 24_000;
    private static final int MAX_PACKET = 1275;

    private final SincResampler resampler;
    private final OpusEncoder encoder;
    private final short[] frame = new short[FRAME_SAMPLES];
    private final byte[] packet = new byte[MAX_PACKET];
    private int framed;

    public LiveEncoder(int inputRate) {
        if (inputRate < 8000 || inputRate > 96_000) {
            throw new IllegalArgumentException("live input rate must be 8–96 kHz, got " + inputRate);
        }
        this.resampler = new SincResampler(inputRate, SAMPLE_RATE);
        try {
            this.encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
            encoder.setBitrate(BITRATE);
            encoder.setComplexity(5);
        } catch (OpusException e) {
            throw new IllegalStateException("cannot create the Opus encoder: " + e.getMessage(), e);
        }
    }

    /** Samples the decoder must drop at the start (the encoder's lookahead). */
    public int preSkip() {
        return encoder.getLookahead();
    }

    /** The packets completed by these samples. */
    public List<byte[]> push(short[] pcm, int length) {
        float[] in = new float[length];
        for (int i = 0; i < length; i++) {
            in[i] = pcm[i] / 32768f;
        }
        return frames(resampler.process(in));
    }

    /** The last packets, the partial frame padded with silence. */
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(frames(resampler.finish()));
        if (framed > 0) {
            Arrays.fill(frame, framed, FRAME_SAMPLES, (short) 0);
            framed = FRAME_SAMPLES;
            out.add(encodeFrame());
        }
        return out;
    }

    private List<byte[]> frames(float[] samples) {
        List<byte[]> out = new ArrayList<>();
        for (float f : samples) {
            frame[framed++] = (short) Math.max(-32768, Math.min(32767, Math.round(f * 32768f)));
            if (framed == FRAME_SAMPLES) {
                out.add(encodeFrame());
            }
        }
        return out;
    }

    private byte[] encodeFrame() {
        framed = 0;
        try {
            int n = encoder.encode(frame, 0, FRAME_SAMPLES, packet, 0, MAX_PACKET);
            return Arrays.copyOf(packet, n);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
        }
    }
}
