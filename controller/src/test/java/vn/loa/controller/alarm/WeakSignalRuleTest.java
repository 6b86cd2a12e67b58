package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.v1.CellularLink;
import vn.loa.protocol.v1.Heartbeat;

/** The weak-signal alarm from the heartbeat's cellular link (values as the agent reads them from mmcli). */
class WeakSignalRuleTest {
    private static final AlarmKey WEAK = AlarmKey.of(AlarmKind.WEAK_SIGNAL);

    private static CellularLink lte(float rsrp) {
        return CellularLink.newBuilder().setModemState("connected").setOperatorName("Viettel").setAccessTechnology("lte")
                .setSignalPercent(40).setHasRsrp(true).setRsrpDbm(rsrp).setHasSinr(true).setSinrDb(-2.4f).build();
    }

    private static CellularLink percentOnly(int percent) {
        return CellularLink.newBuilder().setModemState("connected").setAccessTechnology("umts").setSignalPercent(percent)
                .build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("recorded weak LTE in Tràng Định", lte(-118), false, "Viettel LTE RSRP -118 dBm (weak below -110 dBm), SINR -2.4 dB"),
                Arguments.of("good LTE", lte(-95), false, null),
                Arguments.of("just above the limit", lte(-109), false, null),
                Arguments.of("active: stays until above -105", lte(-107), true, "Viettel LTE RSRP -107 dBm (weak below -110 dBm), SINR -2.4 dB"),
                Arguments.of("active: clears above -105", lte(-104), true, null),
                Arguments.of("3G without RSRP, 12 %", percentOnly(12), false, "UMTS signal 12 % (weak below 20 %), modem connected"),
                Arguments.of("3G without RSRP, 22 %", percentOnly(22), false, null),
                Arguments.of("3G active, 22 %", percentOnly(22), true, "UMTS signal 22 % (weak below 20 %), modem connected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void weakSignal(String why, CellularLink link, boolean active, String expected) {
        assertThat(AlarmRules.weakSignal(link, active)).isEqualTo(expected);
        Heartbeat h = Heartbeat.newBuilder().setClockSynchronised(true).setCellular(link).build();
        var conditions = new AlarmRules(AlarmThresholds.defaults()).conditions(h, active ? Set.of(WEAK) : Set.of(), false);
        assertThat(conditions.get(WEAK)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aStationWithoutAModemHasNoSignalAlarm() {
        Heartbeat h = Heartbeat.newBuilder().setClockSynchronised(true).build();
        assertThat(new AlarmRules(AlarmThresholds.defaults()).conditions(h, Set.of(), false)).doesNotContainKey(WEAK);
    }
}
