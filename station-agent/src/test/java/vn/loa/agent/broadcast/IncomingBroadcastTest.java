package vn.loa.agent.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Priority;

/** What an agent keeps of an announcement: a recorded one whole, a live one (hours of relay) only its last minute. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IncomingBroadcastTest {
    private static final int RATE = 24_000;

    private static BroadcastStart start(boolean live) {
        return BroadcastStart.newBuilder().setBroadcastId(7).setTitle("Tiếp sóng").setPriority(Priority.RELAY)
                .setLive(live).setRepeat(1).setSampleRate(RATE).setChannels(1).setFrameSamples(480).build();
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
}
