package vn.loa.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The harness's own arithmetic: percentiles, the latency histogram, /proc parsing. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HarnessMathsTest {
    @Test
    void nearestRankPercentiles() {
        Percentiles p = Percentiles.of(List.of(5L, 1L, 4L, 2L, 3L, 6L, 7L, 8L, 9L, 10L));
        assertThat(p.at(50)).isEqualTo(5);
        assertThat(p.at(90)).isEqualTo(9);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.min()).isEqualTo(1);
        assertThat(p.max()).isEqualTo(10);
        assertThat(Percentiles.of(7L).at(1)).isEqualTo(7);
    }

    @Test
    void percentilesRefuseEmptySetsAndBadRanks() {
        assertThatThrownBy(() -> Percentiles.of(List.of()).at(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no measurements");
        assertThatThrownBy(() -> Percentiles.of(1L).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(1L).at(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramPercentilesAreTheBucketsUpperEdge() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1000L); // 1 ms … 100 ms
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentileUs(50)).isEqualTo(50_100); // 50 ms lies in [50.0, 50.1) ms
        assertThat(h.percentileUs(99)).isEqualTo(99_100);
        assertThat(h.percentileUs(100)).isEqualTo(100_000); // never above the maximum seen
        assertThat(h.above(50_000)).isEqualTo(50);
        assertThat(h.maxUs()).isEqualTo(100_000);
    }

    @Test
    void histogramCountsEarlyAndOverflowingSamples() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-500);
        h.record(LatencyHistogram.RANGE_US + 123_456);
        assertThat(h.early()).isEqualTo(1);
        assertThat(h.percentileUs(100)).isEqualTo(LatencyHistogram.RANGE_US + 123_456);
        assertThat(h.percentileUs(50)).isEqualTo(LatencyHistogram.BUCKET_US); // the early one counts in bucket 0
        assertThatThrownBy(() -> new LatencyHistogram().percentileUs(50)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cpuTicksFromAProcStatLineWithSpacesInTheName() {
        String stat = "1234 (java main thread) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 5000 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(325);
        assertThatThrownBy(() -> ProcStats.cpuTicks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuPercentOfOneCore() {
        ProcStats.Sample a = new ProcStats.Sample(0, 100, 0, 1);
        ProcStats.Sample b = new ProcStats.Sample(2_000_000_000L, 150, 0, 1); // 0.5 s of CPU in 2 s
        assertThat(b.cpuPercentSince(a)).isEqualTo(25.0);
    }
}
