package vn.loa.agent.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Priority;

/** What an agent keeps of an announcement: a recorded one whole, a live one (hours of relay) only its last minute. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IncomingBroadcastTest {
    private static final int RATE = 24_000;
    private static final int FRAME = 480;

    private static BroadcastStart start(boolean live) {
        return BroadcastStart.newBuilder().setBroadcastId(7).setTitle("Tiếp sóng").setPriority(Priority.RELAY)
                .setLive(live).setRepeat(1).setSampleRate(RATE).setChannels(1).setFrameSamples(FRAME).build();
    }

    /** Real Opus packets of a quiet tone, so the decoder runs as it does on a station. */
    private static byte[][] packets(int n) throws Exception {
        OpusEncoder enc = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        byte[][] out = new byte[n][];
        short[] pcm = new short[FRAME];
        byte[] buf = new byte[1500];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * (k * FRAME + i) / RATE));
            }
            int len = enc.encode(pcm, 0, FRAME, buf, 0, buf.length);
            out[k] = Arrays.copyOf(buf, len);
        }
        return out;
    }

    @Test
    void aLiveStreamKeepsOnlyItsLastMinuteAndCountsEveryPacket() throws Exception {
        IncomingBroadcast b = new IncomingBroadcast(start(true), 1);
        byte[] p = {1, 2, 3};
        int n = 12 * IncomingBroadcast.LIVE_KEEP; // 12 minutes of relay
        for (int seq = 0; seq < n; seq++) {
            b.addPacket(seq, p);
        }

        assertThat(b.packetCount()).isEqualTo(n);
        assertThat(b.firstKept()).isGreaterThan(n - IncomingBroadcast.LIVE_KEEP - 600)
                .isLessThanOrEqualTo(n - IncomingBroadcast.LIVE_KEEP);
        assertThat(b.packet(n - 1, 0)).isInstanceOf(IncomingBroadcast.Packet.class);
        assertThat(b.packet(b.firstKept(), 0)).isInstanceOf(IncomingBroadcast.Packet.class);
        assertThat(b.packet(0, 0)).as("long gone").isInstanceOf(IncomingBroadcast.NotYet.class);
        b.addPacket(5, p); // a re-sent old packet (after a reconnect) is dropped, as before
        b.addPacket(n + 1, p); // a gap too
        assertThat(b.outOfOrder()).isEqualTo(2);
        assertThat(b.packetCount()).isEqualTo(n);
        b.end(n);
        assertThat(b.isComplete()).isTrue();
        assertThat(b.packet(n, 0)).isInstanceOf(IncomingBroadcast.EndOfStream.class);
    }

    @Test
    void aRecordedAnnouncementIsKeptWholeForItsRepeats() throws Exception {
        IncomingBroadcast b = new IncomingBroadcast(start(false), 1);
        byte[] p = {1};
        for (int seq = 0; seq < 3 * IncomingBroadcast.LIVE_KEEP; seq++) {
            b.addPacket(seq, p);
        }
        assertThat(b.firstKept()).isZero();
        assertThat(b.packet(0, 0)).isInstanceOf(IncomingBroadcast.Packet.class);
    }

    @Test
    void aPlayerThatFellBehindALiveStreamCatchesUpWithWhatIsKept() throws Exception {
        IncomingBroadcast b = new IncomingBroadcast(start(true), 1);
        byte[][] opus = packets(50); // one second, sent round and round
        int total = IncomingBroadcast.LIVE_KEEP + 1_000;
        BroadcastAudioSource source = new BroadcastAudioSource(b);
        for (int seq = 0; seq < 10; seq++) {
            b.addPacket(seq, opus[seq % opus.length]);
        }
        for (int k = 0; k < 10; k++) {
            assertThat(source.nextFrame()).hasSize(FRAME);
        }
        // the player is held up (an emergency plays) while the relay runs on for more than a minute
        for (int seq = 10; seq < total; seq++) {
            b.addPacket(seq, opus[seq % opus.length]);
        }
        assertThat(b.firstKept()).isGreaterThan(10);

        short[] next = source.nextFrame();

        assertThat(next).hasSize(FRAME);
        assertThat(source.underruns()).as("no silence: it went on with the oldest packet kept").isZero();
        b.end(total);
        int frames = 1;
        while (source.nextFrame() != null) {
            frames++;
        }
        assertThat(frames).isEqualTo(b.packetCount() - b.firstKept());
    }
}
