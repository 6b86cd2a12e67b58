package vn.loa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.bench.load.ControlCodec;
import vn.loa.bench.stats.LatencyHistogram;

/** Histograms of several load processes: snapshot, the control pipe's JSON form, bucket-wise merge. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HistogramMergeTest {
    @Test
    void mergingGivesTheSameHistogramAsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            long v = (i * 7919L) % 60_000 - 300; // a few early ones, 0–60 ms
            (i % 3 == 0 ? a : b).record(v);
            all.record(v);
        }
        b.record(LatencyHistogram.RANGE_US + 5_000); // overflow bucket, exact maximum
        all.record(LatencyHistogram.RANGE_US + 5_000);

        LatencyHistogram merged = new LatencyHistogram();
        merged.merge(a);
        merged.add(b.snapshot());

        assertThat(merged.snapshot()).isEqualTo(all.snapshot());
        assertThat(merged.count()).isEqualTo(1001);
        assertThat(merged.early()).isEqualTo(all.early()).isPositive();
        assertThat(merged.maxUs()).isEqualTo(LatencyHistogram.RANGE_US + 5_000);
        for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
            assertThat(merged.percentileUs(p)).as("p%s", p).isEqualTo(all.percentileUs(p));
        }
        assertThat(merged.above(50_000)).isEqualTo(all.above(50_000));
    }

    @Test
    void anEmptyHistogramMergesAsNothing() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1234);
        h.add(new LatencyHistogram().snapshot());
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.maxUs()).isEqualTo(1234);
        assertThat(new LatencyHistogram().snapshot().buckets()).isEmpty();
    }

    @Test
    void theSnapshotSurvivesTheControlPipeAndStaysSparse() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-10);
        h.record(150);
        h.record(151);
        h.record(42_000);
        ControlCodec codec = new ControlCodec();
        String line = codec.encode("tally", h.snapshot());
        assertThat(line).doesNotContain("\n").hasSizeLessThan(200);
        LatencyHistogram.Snapshot back = codec.body(codec.decode(line), LatencyHistogram.Snapshot.class);
        assertThat(back).isEqualTo(h.snapshot());
        assertThat(back.buckets()).containsExactly(0, 1, 1, 2, 420, 1); // (index, count) pairs
    }

    @Test
    void inconsistentSnapshotsAreRefusedAndChangeNothing() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(500);
        long us = LatencyHistogram.BUCKET_US;
        long range = LatencyHistogram.RANGE_US;
        assertThatThrownBy(() -> h.add(new LatencyHistogram.Snapshot(1000, range, 1, 0, 5, new long[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 µs buckets");
        assertThatThrownBy(() -> h.add(new LatencyHistogram.Snapshot(us, range, 1, 0, 5, new long[] {0})))
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> h.add(new LatencyHistogram.Snapshot(us, range, 1, 0, 5, new long[] {200_000, 1})))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> h.add(new LatencyHistogram.Snapshot(us, range, 3, 0, 5, new long[] {0, 1})))
                .hasMessageContaining("sum to 1 but total is 3");
        assertThatThrownBy(() -> h.add(new LatencyHistogram.Snapshot(us, range, 1, 0, 5, new long[] {3, -1, 4, 2})))
                .hasMessageContaining("negative");
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.percentileUs(100)).isEqualTo(500);
    }
}
