package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimedSampleTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4, 999, 5_000, Long.MAX_VALUE})
    void everyStationIsTimedByDefault(long stationId) {
        assertThat(TimedSample.ALL.timed(stationId)).isTrue();
        assertThat(TimedSample.ALL.all()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void aSampleOfLessThanOneIsRefused(int every) {
        assertThatThrownBy(() -> new TimedSample(every)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--timed-sample");
    }

    /**
     * Consecutive ids (as a fleet's are): about 1 in N timed, and as many in each of the controller's batching turns
     * ({@code id mod packets-per-write}, 2 to 4), so the sample sees every turn's waits.
     */
    @ParameterizedTest
    @CsvSource({"10, 5000, 4", "10, 5000, 3", "10, 10000, 2", "7, 5000, 4", "20, 10000, 4"})
    void aSampleIsSpreadOverTheBatchingTurns(int every, int stations, int turns) {
        TimedSample sample = new TimedSample(every);
        int[] byTurn = new int[turns];
        int timed = 0;
        for (long id = 1; id <= stations; id++) {
            if (sample.timed(id)) {
                timed++;
                byTurn[(int) (id % turns)]++;
            }
        }
        double expected = (double) stations / every;
        assertThat(timed).isBetween((int) (expected * 0.85), (int) (expected * 1.15));
        for (int n : byTurn) {
            assertThat(n).isBetween((int) (timed / (double) turns * 0.8), (int) (timed / (double) turns * 1.2));
        }
    }

    /** Stations started together wake at different amounts waiting, spread from half to one and a half batch. */
    @org.junit.jupiter.api.Test
    void theBatchOfEachUntimedStationIsItsOwnAndSpreadAroundTheMean() {
        long sum = 0;
        int[] quarters = new int[4];
        for (long id = 1; id <= 4_000; id++) {
            int b = TimedSample.batchBytes(id);
            assertThat(b).isBetween(TimedSample.BATCH_BYTES / 2, TimedSample.BATCH_BYTES * 3 / 2 - 1);
            assertThat(TimedSample.batchBytes(id)).isEqualTo(b);
            sum += b;
            quarters[(b - TimedSample.BATCH_BYTES / 2) * 4 / TimedSample.BATCH_BYTES]++;
        }
        assertThat(sum / 4_000.0).isBetween(TimedSample.BATCH_BYTES * 0.95, TimedSample.BATCH_BYTES * 1.05);
        for (int n : quarters) {
            assertThat(n).isBetween(800, 1_200);
        }
    }
}
