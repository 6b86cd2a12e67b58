package vn.loa.controller.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.announcement.Transmission;
import vn.loa.testsupport.FakeClock;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Envelope;

/**
 * A broadcast fanned out to stations on their own event loops (one {@code EmbeddedChannel} each, its own
 * loop): the pacer only posts; every write happens in a task on the station's loop.
 */
@Timeout(30)
class BroadcastFanOutTest {
    private static final long START = 1_000_000;

    private final FakeClock clock = new FakeClock(Instant.ofEpochMilli(START));
    private final BroadcastPacer pacer = new BroadcastPacer(clock, l -> ((TestLink) l).channel());
    private final List<String> lost = new ArrayList<>();
    private final List<TestLink> links = new ArrayList<>();

    @AfterEach
    void release() {
        links.forEach(l -> l.channel().finishAndReleaseAll());
    }

    private TestLink link(long stationId) {
        TestLink l = TestLink.of(stationId);
        links.add(l);
        return l;
    }

    private Broadcast recorded(int packets) {
        Broadcast b = (Broadcast) pacer.prepare(BroadcastStart.newBuilder().setBroadcastId(9).setSampleRate(24_000)
                .setChannels(1).setFrameSamples(480).setTotalSamples(packets * 480L).build(), 2,
                (station, attempt, at) -> lost.add(station + "/" + attempt + "@" + at));
        for (int i = 0; i < packets; i++) {
            b.addPacket(new byte[] {(byte) i});
        }
        b.end();
        return b;
    }

    private static Transmission.Start start(TestLink l, long atMs, int attempt) {
        return new Transmission.Start(l, new TreeSet<>(List.of(l.stationId() * 10)), atMs, attempt);
    }

    private static Map<Executor, List<Transmission.Start>> byLoop(long atMs, TestLink... ls) {
        Map<Executor, List<Transmission.Start>> m = new LinkedHashMap<>();
        for (TestLink l : ls) {
            m.computeIfAbsent(l.loop(), k -> new ArrayList<>()).add(start(l, atMs, 0));
        }
        return m;
    }

    /** One pacer tick: each lane posts its run; each station's loop runs what was posted to it. */
    private void tick() {
        clock.advance(Duration.ofMillis(BroadcastPacer.TICK_MS));
        pacer.lanes().forEach(Lane::post);
        runLoops();
    }

    private void runLoops() {
        links.forEach(l -> l.channel().runPendingTasks());
    }

    private static List<Integer> seqs(List<Envelope> got) {
        return got.stream().filter(Envelope::hasBroadcastAudio).map(e -> e.getBroadcastAudio().getSeq()).toList();
    }

    @Test
    void theStartsGoFirstFromEachLoopThenTheAudioIsPacedFromEachLoop() {
        TestLink a = link(1);
        TestLink b = link(2);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a, b));
        assertThat(a.received()).as("nothing is written outside the station's loop").isEmpty();

        a.channel().runPendingTasks();
        List<Envelope> first = a.received();
        assertThat(first.get(0).getBroadcastStart().getZoneIdsList()).containsExactly(10L);
        assertThat(first.get(0).getBroadcastStart().getStartAtMs()).isEqualTo(START + 800);
        assertThat(seqs(first)).hasSize(Broadcast.WITH_START_PACKETS);
        pacer.lanes().forEach(Lane::post);
        a.channel().runPendingTasks();
        assertThat(a.received()).as("no more audio before every loop's starts are out").isEmpty();

        b.channel().runPendingTasks();
        assertThat(b.received().get(0).hasBroadcastStart()).isTrue();
        tick();
        assertThat(seqs(a.received())).startsWith(Broadcast.WITH_START_PACKETS)
                .hasSize(Broadcast.CATCH_UP_PACKETS);
        assertThat(seqs(b.received())).hasSize(Broadcast.CATCH_UP_PACKETS);
    }

    @Test
    void aStopGoesToEveryStationThatWasSentAStartAndNothingMoreFollows() {
        TestLink a = link(1);
        TestLink b = link(2);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a));
        runLoops();
        a.received();
        br.stop("STOPPED_BY_OPERATOR");
        assertThat(br.ended()).isTrue();
        runLoops();
        List<Envelope> got = a.received();
        assertThat(got).singleElement().satisfies(e -> {
            assertThat(e.getBroadcastStop().getBroadcastId()).isEqualTo(9);
            assertThat(e.getBroadcastStop().getReason()).isEqualTo("STOPPED_BY_OPERATOR");
        });
        assertThat(b.received()).as("never sent a start, never sent a stop").isEmpty();
        br.join(start(b, START + 2_000, 1));
        tick();
        tick();
        assertThat(a.received()).isEmpty();
        assertThat(b.received()).isEmpty();
    }

    @Test
    void startsNotYetWrittenWhenTheBroadcastStopsAreNeverSent() {
        TestLink a = link(1);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a));
        br.stop("STOPPED_BY_OPERATOR");
        runLoops();
        assertThat(a.received()).isEmpty();
        assertThat(br.startsOut()).isTrue();
    }

    @Test
    void aClosedLinkIsToldOnceWithItsAttemptAndLeavesItsLane() {
        TestLink a = link(1);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a));
        runLoops();
        a.channel().close();
        tick();
        tick();
        assertThat(lost).containsExactly("1/0@" + (START + BroadcastPacer.TICK_MS));
    }

    @Test
    void aStationBackOnANewLinkGetsEveryPacketAgainWithoutAStartAndItsOldLinkIsForgotten() {
        TestLink old = link(1);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, old));
        runLoops();
        tick();
        old.received();
        TestLink again = link(1);
        br.resume(start(again, START + 800, 1));
        assertThat(br.linkOf(1)).isSameAs(again);
        old.channel().close();
        runLoops();
        List<Envelope> got = again.received();
        assertThat(got).noneMatch(Envelope::hasBroadcastStart);
        // every packet due from the first, at once: (20 ms - 800 + 5000) / 20 = 211
        assertThat(seqs(got)).hasSize(211).startsWith(0, 1, 2);
        tick();
        assertThat(lost).as("a link the station has left behind is no news").isEmpty();
    }

    @Test
    void aLateJoinerGetsItsOwnStartInstantAndThenThePacedAudio() {
        TestLink a = link(1);
        TestLink late = link(2);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a));
        runLoops();
        br.join(start(late, START + 3_000, 1));
        runLoops();
        List<Envelope> got = late.received();
        assertThat(got.get(0).getBroadcastStart().getStartAtMs()).isEqualTo(START + 3_000);
        assertThat(got.get(0).getBroadcastStart().getZoneIdsList()).containsExactly(20L);
        assertThat(seqs(got)).hasSize(Broadcast.WITH_START_PACKETS);
        tick();
        assertThat(seqs(late.received())).startsWith(Broadcast.WITH_START_PACKETS);
    }

    @Test
    void aFinishedBroadcastLeavesTheLanesAndSendsNothingMore() {
        TestLink a = link(1);
        Broadcast br = recorded(400);
        br.open(START + 800, byLoop(START + 800, a));
        runLoops();
        a.received();
        br.close();
        tick();
        a.channel().close();
        tick();
        assertThat(a.received()).isEmpty();
        assertThat(lost).isEmpty();
    }

    @Test
    void everyPacketThenTheEndReachAStationThatKeepsUp() {
        TestLink a = link(1);
        Broadcast br = recorded(30);
        br.open(START + 800, byLoop(START + 800, a));
        runLoops();
        tick();
        List<Envelope> got = a.received();
        assertThat(seqs(got)).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
        assertThat(got.get(got.size() - 1).getBroadcastEnd().getTotalPackets()).isEqualTo(30);
    }
}
