package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.protocol.v1.Priority;

/** Decoding an announcement as it arrives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BroadcastAudioSourceTest {
    @Test
    void aPlayerThatFellBehindALiveStreamCatchesUpWithWhatIsKept() throws Exception {
        IncomingBroadcast b = new IncomingBroadcast(OpusPackets.start(7, Priority.RELAY, true).build(), 1);
        byte[][] opus = OpusPackets.tone(50, 440, 3000); // one second, sent round and round
        int total = IncomingBroadcast.LIVE_KEEP + 1_000;
        BroadcastAudioSource source = new BroadcastAudioSource(b);
        for (int seq = 0; seq < 10; seq++) {
            b.addPacket(seq, opus[seq % opus.length]);
        }
        for (int k = 0; k < 10; k++) {
            assertThat(source.nextFrame()).hasSize(OpusPackets.FRAME);
        }
        // the player is held up (an emergency plays) while the relay runs on for more than a minute
        for (int seq = 10; seq < total; seq++) {
            b.addPacket(seq, opus[seq % opus.length]);
        }
        assertThat(b.firstKept()).isGreaterThan(10);

        short[] next = source.nextFrame();

        assertThat(next).hasSize(OpusPackets.FRAME);
        assertThat(source.underruns()).as("no silence: it went on with the oldest packet kept").isZero();
        b.end(total);
        int frames = 1;
        while (source.nextFrame() != null) {
            frames++;
        }
        assertThat(frames).isEqualTo(b.packetCount() - b.firstKept());
    }
}
