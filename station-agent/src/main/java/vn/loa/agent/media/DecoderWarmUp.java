package vn.loa.agent.media;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a second of Opus once when the agent starts, on its own short-lived virtual thread, so that the
 * first bulletin after a boot does not pay for loading and initialising the decoder: measured with 37 agents in
 * one process (docs/performance.md, issue 23), the first play's priming (output opened, first frame decoded)
 * took up to 1.4 s, and a plan item, which plays whole, started that much late. The frames are encoded here
 * from a tone (Concentus encodes as it decodes), so nothing is read from disk.
 */
public final class DecoderWarmUp {
    private static final Logger log = LoggerFactory.getLogger(DecoderWarmUp.class);
    private static final int RATE = 24_000;
    private static final int FRAME = 480;
    /** 1 s of 20 ms frames. */
    static final int FRAMES = 50;

    private DecoderWarmUp() {
    }

    /** Encodes and decodes {@link #FRAMES} frames of a 440 Hz tone; returns the samples decoded. */
    static long run() throws OpusException {
        OpusEncoder encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        OpusDecoder decoder = new OpusDecoder(RATE, 1);
        short[] pcm = new short[FRAME];
        short[] out = new short[FRAME];
        byte[] packet = new byte[1275];
        long decoded = 0;
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * FRAME + i) / RATE));
            }
            int n = encoder.encode(pcm, 0, FRAME, packet, 0, packet.length);
            decoded += decoder.decode(packet, 0, n, out, 0, FRAME, false);
        }
        return decoded;
    }

    /** Starts the warm-up in the background; it logs how long it took, or why it failed (playing is not affected). */
    public static void inBackground(long stationId) {
        Thread.ofVirtual().name("decoder-warm-up-" + stationId).start(() -> {
            long t0 = System.nanoTime();
            try {
                long samples = run();
                log.debug("station {}: Opus decoder warmed up ({} samples) in {} ms", stationId, samples,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (OpusException | RuntimeException e) {
                log.warn("station {}: the Opus decoder's warm-up failed (the first play may start late): {}",
                        stationId, e.toString(), e);
            }
        });
    }
}
