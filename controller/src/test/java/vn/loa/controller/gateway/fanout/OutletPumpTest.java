package vn.loa.controller.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.announcement.Transmission;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Envelope;
import vn.loa.testsupport.FakeClock;

/**
 * One station's pump through the real codec pipeline: at the open, the audio due (up to 5 s ahead) goes
 * out at most {@link Broadcast#CATCH_UP_PACKETS} per call, in order and without gaps, then the end.
 */
@Timeout(30)
class OutletPumpTest {
    private static final long NOW = 1_000_000;

    /** The pacer's clock: a packet is stamped with it when appended (a feed gone quiet is read from it). */
    private final FakeClock clock = new FakeClock(NOW);
    private final BroadcastPacer pacer = new BroadcastPacer(clock, l -> ((TestLink) l).channel());

    private Broadcast broadcast(int packets, int targets, boolean live) {
        Broadcast b = (Broadcast) pacer.prepare(BroadcastStart.newBuilder().setBroadcastId(7).setSampleRate(24_000)
                .setChannels(1).setFrameSamples(480).setLive(live).build(), targets, (s, a, at) -> { });
        for (int i = 0; i < packets; i++) {
            b.addPacket(new byte[] {(byte) i, 1, 2, 3});
        }
        if (!live) {
            b.end();
        }
        return b;
    }

    private static Outlet outlet(Broadcast b, TestLink link, long startAtMs) {
        return new Outlet(b, new Transmission.Start(link, new TreeSet<>(List.of(1L)), startAtMs, 0), link.channel());
    }

    /** Stations 0 … n−1, each on its own link. */
    private static List<TestLink> links(int n) {
        return IntStream.range(0, n).mapToObj(id -> TestLink.of(id)).toList();
    }

    private static List<Integer> seqs(List<Envelope> got) {
        return got.stream().map(e -> e.getBroadcastAudio().getSeq()).toList();
    }

    @Test
    void catchUpIsCappedPerCallAndGoesOnInOrder() {
        TestLink link = TestLink.of(42);
        Broadcast b = broadcast(400, 1, false);
        Outlet o = outlet(b, link, NOW + 800);
        // due: (5000 - 800) / 20 = 210 packets; one call sends 50 of them
        o.pump(NOW, Broadcast.CATCH_UP_PACKETS);
        assertThat(seqs(link.received())).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        List<Envelope> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            o.pump(NOW + 20, Broadcast.CATCH_UP_PACKETS);
            rest.addAll(link.received());
        }
        // due at +20 ms: 211; 161 more, never more than 50 a call, and then nothing until more is due
        assertThat(seqs(rest)).containsExactlyElementsOf(IntStream.range(50, 211).boxed().toList());
        o.pump(NOW + 20_000, Integer.MAX_VALUE); // far later: everything left, then the end, at once
        List<Envelope> last = link.received();
        assertThat(last).hasSize(400 - 211 + 1);
        assertThat(last.get(last.size() - 1).getBroadcastEnd().getTotalPackets()).isEqualTo(400);
        assertThat(o.endSent()).isTrue();
        link.channel().finishAndReleaseAll();
    }

    @Test
    void anUncappedPumpSendsEverythingDue() {
        TestLink link = TestLink.of(42);
        Outlet o = outlet(broadcast(400, 1, false), link, NOW + 800);
        o.pump(NOW, Integer.MAX_VALUE);
        assertThat(link.received()).hasSize(210);
        link.channel().finishAndReleaseAll();
    }

    @Test
    void aStartGoesWithItsFirstHalfSecondOfAudioInOneFlush() {
        TestLink link = TestLink.of(42);
        Outlet o = outlet(broadcast(400, 1, false), link, NOW + 800);
        o.sendStart(NOW);
        List<Envelope> got = link.received();
        assertThat(got.get(0).getBroadcastStart().getStartAtMs()).isEqualTo(NOW + 800);
        assertThat(got.get(0).getBroadcastStart().getZoneIdsList()).containsExactly(1L);
        assertThat(seqs(got.subList(1, got.size()))).containsExactlyElementsOf(
                IntStream.range(0, Broadcast.WITH_START_PACKETS).boxed().toList());
        link.channel().finishAndReleaseAll();
    }

    @Test
    void nothingIsWrittenToAClosedOrUnwritableLinkOrAfterAStop() {
        TestLink closed = TestLink.of(1);
        Broadcast b = broadcast(10, 1, false);
        Outlet o = outlet(b, closed, NOW);
        closed.channel().close();
        assertThat(o.pump(NOW, Integer.MAX_VALUE)).isFalse();

        TestLink slow = TestLink.of(2);
        slow.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        slow.channel().write(Unpooled.wrappedBuffer(new byte[64])); // written, not flushed: above the high mark
        assertThat(slow.channel().isWritable()).isFalse();
        assertThat(outlet(b, slow, NOW).pump(NOW, Integer.MAX_VALUE)).as("a slow link waits").isFalse();

        TestLink stopped = TestLink.of(3);
        b.stop("STOPPED_BY_OPERATOR");
        assertThat(outlet(b, stopped, NOW).pump(NOW, Integer.MAX_VALUE)).isFalse();
        assertThat(stopped.received()).isEmpty();
        slow.channel().finishAndReleaseAll();
        stopped.channel().finishAndReleaseAll();
    }

    @Test
    void batchingFollowsTheNumberOfStations() {
        record Case(int targets, int ticks) {
        }
        for (Case c : List.of(new Case(1, 1), new Case(37, 1), new Case(499, 1), new Case(500, 2),
                new Case(1_000, 2), new Case(2_999, 2), new Case(3_000, 3), new Case(3_999, 3), new Case(4_000, 4),
                new Case(10_000, 4), new Case(100_000, 4))) {
            assertThat(BroadcastPacer.batchTicksFor(c.targets())).as("%d stations", c.targets()).isEqualTo(c.ticks());
        }
    }

    @Test
    void aBatchedStationWritesOnItsTurnAFullBatchTheEndOrAQuietFeed() {
        record Case(String why, int ticks, long station, int sent, int limit, boolean last, long quietMs,
                boolean writes) {
        }
        for (Case c : List.of(
                new Case("unbatched: every packet", 1, 5, 10, 11, false, 0, true),
                new Case("the first write", 4, 5, 0, 1, false, 0, true),
                new Case("its turn: (11 + 5) % 4 == 0", 4, 5, 8, 11, false, 0, true),
                new Case("not its turn", 4, 5, 8, 10, false, 0, false),
                new Case("not its turn, station 6", 4, 6, 8, 11, false, 0, false),
                new Case("a late pass went past its turn: a full batch", 4, 5, 7, 12, false, 0, true),
                new Case("the last packet of the broadcast", 4, 5, 8, 10, true, 0, true),
                new Case("passes 89 ms apart, the feed steady", 4, 5, 8, 10, false, 20, false),
                new Case("the feed quiet for less than a batch and a half", 4, 5, 8, 10, false, 89, false),
                new Case("the feed quiet for a batch and a half", 4, 5, 8, 10, false, 90, true),
                new Case("two a write, quiet 50 ms", 2, 5, 9, 10, false, 50, true),
                new Case("two a write, quiet 49 ms", 2, 5, 9, 10, false, 49, false),
                new Case("a negative station id still takes turns", 4, -3, 8, 11, false, 0, true))) {
            assertThat(Outlet.batchTurn(c.ticks(), c.station(), c.sent(), c.limit(), c.last(), c.quietMs()))
                    .as(c.why()).isEqualTo(c.writes());
        }
    }

    @Test
    void batchedStationsTakeTurnsSoTheirWritesSpreadOverTheTicks() {
        Broadcast b = broadcast(0, 3_000, true); // 3 ticks a write
        assertThat(b.batchTicks).isEqualTo(3);
        long tick0 = NOW - NOW % BroadcastPacer.TICK_MS;
        List<TestLink> links = links(3);
        List<Outlet> outlets = links.stream().map(l -> outlet(b, l, tick0 + 800)).toList();
        b.addPacket(new byte[] {0});
        for (Outlet o : outlets) {
            assertThat(o.pump(tick0, Broadcast.CATCH_UP_PACKETS)).as("the first packet goes at once").isTrue();
        }
        links.forEach(TestLink::received);
        // live: one packet a tick; over 9 ticks each station writes 3 times, on its own packets' ticks
        List<List<Integer>> writesAt = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int k = 1; k <= 9; k++) {
            clock.set(Instant.ofEpochMilli(tick0 + k * BroadcastPacer.TICK_MS));
            b.addPacket(new byte[] {(byte) k});
            for (int i = 0; i < 3; i++) {
                if (outlets.get(i).pump(tick0 + k * BroadcastPacer.TICK_MS, Broadcast.CATCH_UP_PACKETS)) {
                    writesAt.get(i).add(k);
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(writesAt.get(i)).hasSize(3);
            assertThat(seqs(links.get(i).received())).isSorted().hasSizeBetween(7, 9);
        }
        // no two stations share a tick
        assertThat(writesAt.stream().flatMap(List::stream).distinct().count()).isEqualTo(9);
        links.forEach(l -> l.channel().finishAndReleaseAll());
    }

    @Test
    void twoPerWriteSendsEachLivePacketOnArrivalToHalfTheStationsAndTheRestWithTheNext() {
        Broadcast b = broadcast(0, 1_000, true); // 2 packets a write
        assertThat(b.batchTicks).isEqualTo(2);
        long t0 = NOW;
        List<TestLink> links = links(4);
        List<Outlet> outlets = links.stream().map(l -> outlet(b, l, t0 + 800)).toList();
        b.addPacket(new byte[] {0});
        outlets.forEach(o -> o.pump(t0, Broadcast.CATCH_UP_PACKETS));
        links.forEach(TestLink::received);
        // packet k arrives at t0 + 20k ms and is pumped at once (the arrival's pass): which stations write it
        for (int k = 1; k <= 8; k++) {
            clock.set(Instant.ofEpochMilli(t0 + k * BroadcastPacer.TICK_MS));
            b.addPacket(new byte[] {(byte) k});
            for (int i = 0; i < 4; i++) {
                outlets.get(i).pump(t0 + k * BroadcastPacer.TICK_MS, Broadcast.CATCH_UP_PACKETS);
                List<Integer> got = seqs(links.get(i).received());
                boolean turn = (k + 1 + i) % 2 == 0;
                assertThat(got).as("packet %d, station %d", k, i)
                        .isEqualTo(!turn ? List.of() : k == 1 ? List.of(1) : List.of(k - 1, k));
            }
        }
        // a paused feed: packet 9 waits for its turn, which comes with packet 10; when packet 10 has not come a
        // batch and a half (50 ms) after packet 9, what waits goes out
        long nine = t0 + 9 * BroadcastPacer.TICK_MS;
        clock.set(Instant.ofEpochMilli(nine));
        b.addPacket(new byte[] {9});
        long stillBatching = nine + 2 * BroadcastPacer.TICK_MS;
        for (int i = 0; i < 4; i++) {
            outlets.get(i).pump(stillBatching, Broadcast.CATCH_UP_PACKETS);
        }
        assertThat(links.stream().filter(l -> !l.received().isEmpty()).count()).as("only the two whose turn it is")
                .isEqualTo(2);
        long quiet = nine + 2 * BroadcastPacer.TICK_MS + BroadcastPacer.TICK_MS / 2;
        for (int i = 0; i < 4; i++) {
            outlets.get(i).pump(quiet, Broadcast.CATCH_UP_PACKETS);
        }
        assertThat(links.stream().filter(l -> !l.received().isEmpty()).count()).as("the other two, the feed quiet")
                .isEqualTo(2);
        links.forEach(l -> l.channel().finishAndReleaseAll());
    }
}
