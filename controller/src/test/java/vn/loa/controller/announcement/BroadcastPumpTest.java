package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Envelope;

/**
 * The pump through the real codec pipeline: at the open, the audio due (up to 5 s ahead) goes out at most
 * {@link Broadcast#CATCH_UP_PACKETS} per call, in order and without gaps, then the end.
 */
@Timeout(30)
class BroadcastPumpTest {
    private static final long NOW = 1_000_000;

    private static Broadcast broadcast(int packets) {
        Broadcast b = new Broadcast(7, BroadcastStart.newBuilder().setBroadcastId(7).setSampleRate(24_000)
                .setChannels(1).setFrameSamples(480).build());
        for (int i = 0; i < packets; i++) {
            b.addPacket(new byte[] {(byte) i, 1, 2, 3});
        }
        b.end();
        return b;
    }

    private static Broadcast.Target target(EmbeddedChannel ch, long startAtMs) {
        Broadcast.Target t = new Broadcast.Target(42, new java.util.TreeSet<>(List.of(1L)), StationState.PENDING);
        t.channel = ch;
        t.startAtMs = startAtMs;
        return t;
    }

    /** What the station received, decoded from the bytes on the wire. */
    private static List<Envelope> received(EmbeddedChannel ch) throws Exception {
        List<Envelope> out = new ArrayList<>();
        EmbeddedChannel station = new EmbeddedChannel();
        LoaCodec.addTo(station.pipeline(), 1 << 20);
        for (Object o; (o = ch.readOutbound()) != null; ) {
            station.writeInbound((ByteBuf) o);
        }
        for (Object o; (o = station.readInbound()) != null; ) {
            out.add((Envelope) o);
        }
        station.finishAndReleaseAll();
        return out;
    }

    @Test
    void catchUpIsCappedPerCallAndGoesOnInOrder() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        LoaCodec.addTo(ch.pipeline(), 1 << 20);
        Broadcast b = broadcast(400);
        Broadcast.Target t = target(ch, NOW + 800);
        // due: (5000 - 800) / 20 = 210 packets; one call sends 50 of them
        b.pump(t, NOW, Broadcast.CATCH_UP_PACKETS);
        List<Envelope> first = received(ch);
        assertThat(first).hasSize(50);
        assertThat(first).extracting(e -> e.getBroadcastAudio().getSeq())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        List<Envelope> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            b.pump(t, NOW + 20, Broadcast.CATCH_UP_PACKETS);
            rest.addAll(received(ch));
        }
        // due at +20 ms: 211; 161 more, never more than 50 a call, and then nothing until more is due
        assertThat(rest).extracting(e -> e.getBroadcastAudio().getSeq())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(50, 211).boxed().toList());
        b.pump(t, NOW + 20_000, Integer.MAX_VALUE); // far later: everything left, then the end, at once
        List<Envelope> last = received(ch);
        assertThat(last).hasSize(400 - 211 + 1);
        assertThat(last.get(last.size() - 1).getBroadcastEnd().getTotalPackets()).isEqualTo(400);
        assertThat(t.endSent).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUncappedPumpSendsEverythingDue() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        LoaCodec.addTo(ch.pipeline(), 1 << 20);
        Broadcast b = broadcast(400);
        Broadcast.Target t = target(ch, NOW + 800);
        b.pump(t, NOW, Integer.MAX_VALUE);
        assertThat(received(ch)).hasSize(210);
        ch.finishAndReleaseAll();
    }

    @Test
    void batchingFollowsTheNumberOfStations() {
        assertThat(Broadcast.batchTicksFor(37)).isEqualTo(1);
        assertThat(Broadcast.batchTicksFor(2_999)).isEqualTo(1);
        assertThat(Broadcast.batchTicksFor(3_000)).isEqualTo(2);
        assertThat(Broadcast.batchTicksFor(10_000)).isEqualTo(3);
        assertThat(Broadcast.batchTicksFor(100_000)).isEqualTo(Broadcast.MAX_BATCH_TICKS);
    }

    @Test
    void batchedStationsTakeTurnsSoTheirWritesSpreadOverTheTicks() throws Exception {
        Broadcast b = new Broadcast(7, BroadcastStart.newBuilder().setBroadcastId(7).setSampleRate(24_000)
                .setChannels(1).setFrameSamples(480).setLive(true).build());
        b.batchTicks = 3;
        long tick0 = NOW - NOW % Broadcast.TICK_MS;
        List<EmbeddedChannel> channels = new ArrayList<>();
        List<Broadcast.Target> targets = new ArrayList<>();
        for (long id = 0; id < 3; id++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            LoaCodec.addTo(ch.pipeline(), 1 << 20);
            Broadcast.Target t = new Broadcast.Target(id, new java.util.TreeSet<>(List.of(1L)), StationState.PENDING);
            t.channel = ch;
            t.startAtMs = tick0 + 800;
            channels.add(ch);
            targets.add(t);
        }
        b.addPacket(new byte[] {0});
        for (Broadcast.Target t : targets) {
            assertThat(b.pump(t, tick0, Broadcast.CATCH_UP_PACKETS)).as("the first packet goes at once").isTrue();
        }
        channels.forEach(ch -> {
            try {
                received(ch);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        // live: one packet a tick; over 9 ticks each station writes 3 times, on its own ticks
        List<List<Integer>> writesAt = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int k = 1; k <= 9; k++) {
            b.addPacket(new byte[] {(byte) k});
            for (int i = 0; i < 3; i++) {
                if (b.pump(targets.get(i), tick0 + k * Broadcast.TICK_MS, Broadcast.CATCH_UP_PACKETS)) {
                    writesAt.get(i).add(k);
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(writesAt.get(i)).hasSize(3);
            List<Envelope> got = received(channels.get(i));
            assertThat(got).extracting(e -> e.getBroadcastAudio().getSeq()).isSorted().hasSizeBetween(7, 9);
        }
        // no two stations share a tick
        assertThat(writesAt.stream().flatMap(List::stream).distinct().count()).isEqualTo(9);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }
}
