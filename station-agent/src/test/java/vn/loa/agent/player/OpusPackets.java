package vn.loa.agent.player;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.util.Arrays;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Priority;

/** Real Opus packets and announcement starts for tests, so the decoder runs as it does on a station. */
final class OpusPackets {
    static final int RATE = 24_000;
    static final int FRAME = 480;

    private OpusPackets() {
    }

    /** {@code n} 20 ms packets of a tone of this frequency and amplitude. */
    static byte[][] tone(int n, double hz, int amplitude) throws Exception {
        OpusEncoder enc = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        byte[][] out = new byte[n][];
        short[] pcm = new short[FRAME];
        byte[] buf = new byte[1500];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * (k * FRAME + i) / RATE));
            }
            int len = enc.encode(pcm, 0, FRAME, buf, 0, buf.length);
            out[k] = Arrays.copyOf(buf, len);
        }
        return out;
    }

    static BroadcastStart.Builder start(long id, Priority priority, boolean live) {
        return BroadcastStart.newBuilder().setBroadcastId(id).setTitle("Thông báo " + id).setPriority(priority)
                .setLive(live).setRepeat(1).setSampleRate(RATE).setChannels(1).setFrameSamples(FRAME);
    }
}
