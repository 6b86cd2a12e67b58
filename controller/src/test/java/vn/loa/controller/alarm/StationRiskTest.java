package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which active conditions make a station "at risk", table-driven. */
class StationRiskTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Set.of(), List.of()),
                Arguments.of(Set.of(AlarmKey.of(AlarmKind.DOOR_OPEN), AlarmKey.of(AlarmKind.STATION_OFFLINE)), List.of()),
                Arguments.of(Set.of(AlarmKey.of(AlarmKind.WEAK_SIGNAL)), List.of(AlarmKind.WEAK_SIGNAL)),
                Arguments.of(Set.of(AlarmKey.of(AlarmKind.DATA_QUOTA), AlarmKey.of(AlarmKind.MAINS_LOST)), List.of(AlarmKind.DATA_QUOTA)),
                Arguments.of(Set.of(AlarmKey.of(AlarmKind.DATA_QUOTA), AlarmKey.of(AlarmKind.WEAK_SIGNAL)),
                        List.of(AlarmKind.WEAK_SIGNAL, AlarmKind.DATA_QUOTA)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void atRiskKinds(Set<AlarmKey> active, List<AlarmKind> expected) {
        assertThat(StationRisk.of(active)).isEqualTo(expected);
    }
}
