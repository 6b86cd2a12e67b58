package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FleetSlicesTest {
    private static List<Integer> fleet(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void contiguousSlicesInOrderWhoseSizesDifferByAtMostOne() {
        List<List<Integer>> s = FleetSlices.of(fleet(10), 3);
        assertThat(s).containsExactly(List.of(1, 2, 3, 4), List.of(5, 6, 7), List.of(8, 9, 10));
        List<List<Integer>> big = FleetSlices.of(fleet(10_000), 3);
        assertThat(big).extracting(List::size).containsExactly(3334, 3333, 3333);
        assertThat(big.stream().flatMap(List::stream).toList()).isEqualTo(fleet(10_000));
    }

    @Test
    void oneSliceIsTheWholeFleetAndOneStationEachIsAllowed() {
        assertThat(FleetSlices.of(fleet(5), 1)).containsExactly(fleet(5));
        assertThat(FleetSlices.of(fleet(3), 3)).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void moreProcessesThanStationsOrNoneAreRefused() {
        assertThatThrownBy(() -> FleetSlices.of(fleet(2), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 load processes for 2 stations");
        assertThatThrownBy(() -> FleetSlices.of(fleet(2), 0)).hasMessageContaining("at least one");
    }
}
