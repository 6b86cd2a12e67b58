package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.bench.stats.LatencyHistogram;

/** Latencies computed after the feed from each station's arrival trace and the feeder's log, and summed over processes. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FanoutTallyTest {
    private static BroadcastRecord record(long station, long broadcast, int received, int missing, int late) {
        return new BroadcastRecord(station, broadcast, 0, 1_000, 0, 0, received, missing, late, 3, 0, true);
    }

    @Test
    void latencyIsArrivalMinusTheInstantTheAudioWasSent() {
        FeedLog feed = new FeedLog(new long[] {10_000, 30_000, 50_000, 0});
        LoadRecorder a = new LoadRecorder();
        // station 1: all three packets, 5, 7 and 9 ms after their audio was sent
        a.record(record(1, 9, 3, 0, 0), ArrivalTrace.of(1_000, 15_000, 37_000, 59_000));
        // station 2: seq 1 never came; seq 3 is not in the feed log (not counted as a latency)
        a.record(record(2, 9, 3, 1, 1), ArrivalTrace.of(1_000, 12_000, 0, 90_000, 95_000));
        // another announcement: ignored
        a.record(record(1, 8, 1, 0, 0), ArrivalTrace.of(1_000, 999_000));

        FanoutTally t = FanoutTally.of(a, 9, feed);
        assertThat(t.finished()).isEqualTo(2);
        assertThat(t.received()).isEqualTo(6);
        assertThat(t.missing()).isEqualTo(1);
        assertThat(t.late()).isEqualTo(1);
        LatencyHistogram h = t.histogram();
        assertThat(h.count()).isEqualTo(5); // 3 + 2
        assertThat(h.maxUs()).isEqualTo(40_000); // station 2, seq 2: 90 − 50 ms
        assertThat(h.percentileUs(20)).isEqualTo(2_100); // station 2, seq 0: 2 ms

        LoadRecorder b = new LoadRecorder();
        b.record(record(3, 9, 3, 0, 0), ArrivalTrace.of(1_000, 11_000, 31_000, 51_000));
        FanoutTally sum = FanoutTally.sum(List.of(t, FanoutTally.of(b, 9, feed)));
        assertThat(sum.finished()).isEqualTo(3);
        assertThat(sum.received()).isEqualTo(9);
        assertThat(sum.histogram().count()).isEqualTo(8);
        assertThat(sum.histogram().percentileUs(100)).isEqualTo(40_000);
    }

    @Test
    void latenciesAreAlsoKeptBySecondOfTheFeedAndSummedSecondBySecond() {
        // seq 0 and 1 sent in the feed's second 0, seq 2 in its second 2 (no packet in second 1)
        FeedLog feed = new FeedLog(new long[] {1_000_000, 1_500_000, 3_200_000});
        LoadRecorder a = new LoadRecorder();
        a.record(record(1, 9, 3, 0, 0), ArrivalTrace.of(1_000, 1_010_000, 1_530_000, 3_290_000));
        LoadRecorder b = new LoadRecorder();
        b.record(record(2, 9, 3, 0, 0), ArrivalTrace.of(1_000, 1_250_000, 1_505_000, 3_201_000));

        FanoutTally ta = FanoutTally.of(a, 9, feed);
        assertThat(ta.bySecond()).hasSize(3);
        assertThat(ta.p99BySecondUs()).containsExactly(30_000L, -1L, 90_000L);
        FanoutTally sum = FanoutTally.sum(List.of(ta, FanoutTally.of(b, 9, feed)));
        assertThat(sum.p99BySecondUs()).containsExactly(250_000L, -1L, 90_000L);
        assertThat(sum.bySecond().get(0).total()).isEqualTo(4);
        // 6 packets; above 50 ms: 250 ms in second 0, 90 ms in second 2
        assertThat(sum.shareAboveBySecond(50_000)).containsExactly(100.0 / 6, 0.0, 100.0 / 6);

        // beyond the first minute, packets count in the whole but are not kept second by second
        long late = 1_000_000 + FanoutTally.BY_SECOND_MAX * 1_000_000L;
        LoadRecorder c = new LoadRecorder();
        c.record(record(3, 9, 1, 0, 0), ArrivalTrace.of(1_000, 1_001_000, late + 7_000));
        FanoutTally tc = FanoutTally.of(c, 9, new FeedLog(new long[] {1_000_000, late}));
        assertThat(tc.histogram().count()).isEqualTo(2);
        assertThat(tc.bySecond()).hasSize(1);
    }

    @Test
    void theTraceKeepsArrivalsToTheMicrosecondAndGrowsWithTheSeq() {
        ArrivalTrace.Builder b = new ArrivalTrace.Builder(1_000_000);
        b.arrived(0, 1_000_000); // at the base itself
        b.arrived(500, 1_234_567);
        b.arrived(-1, 5); // ignored
        b.arrived(ArrivalTrace.MAX_SEQ, 5); // ignored
        ArrivalTrace t = b.build();
        assertThat(t.length()).isEqualTo(501);
        assertThat(t.arrivalUs(0)).isEqualTo(1_000_000);
        assertThat(t.arrivalUs(500)).isEqualTo(1_234_567);
        assertThat(t.arrivalUs(7)).isZero();
        assertThat(t.arrivalUs(501)).isZero();
    }

    @Test
    void theBestClockSampleIsTheOneWithTheShortestRoundTrip() {
        ClockCheck c = ClockCheck.NONE.with(500, 4_000).with(-20, 300).with(900, 10_000);
        assertThat(c.offsetUs()).isEqualTo(-20);
        assertThat(c.uncertaintyUs()).isEqualTo(150);
        assertThat(c.samples()).isEqualTo(3);
        assertThat(c.toString()).contains("-0.020 ms ± 0.150 ms (best of 3 exchanges)");
        assertThat(ClockCheck.NONE.toString()).contains("no clock exchange");
    }

    @Test
    void aShiftedClockReadsTheSameInstantPlusTheOffset() {
        BenchClock raw = new BenchClock();
        BenchClock shifted = raw.shifted(-250_000);
        long a = raw.nowUs();
        long s = shifted.nowUs();
        long b = raw.nowUs();
        assertThat(s + 250_000).isBetween(a, b);
        assertThat(shifted.offsetUs()).isEqualTo(-250_000);
    }
}
