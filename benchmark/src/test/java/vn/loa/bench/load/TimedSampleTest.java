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
}
