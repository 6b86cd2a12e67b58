package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.v1.CellularLink;
import vn.loa.protocol.v1.Heartbeat;

/** The data-plan alarm from the heartbeat's cellular link: the month's use against the station's quota. */
class DataQuotaRuleTest {
    private static final AlarmKey QUOTA = AlarmKey.of(AlarmKind.DATA_QUOTA);
    private static final long MIB = 1L << 20;

    private static CellularLink used(long usedMiB, long quotaMiB) {
        return CellularLink.newBuilder().setModemState("connected").setAccessTechnology("lte").setSignalPercent(60)
                .setHasBytes(true).setMonthUsedBytes(usedMiB * MIB).setMonthlyQuotaBytes(quotaMiB * MIB).build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("no quota set: never", used(90_000, 0), false, null),
                Arguments.of("half used", used(1536, 3072), false, null),
                Arguments.of("just under 80 %", used(2457, 3072), false, null),
                Arguments.of("80 % used", used(2458, 3072), false, "2458 MiB of the 3072 MiB monthly data plan used this month (80 %; alarm at 80 %)"),
                Arguments.of("over the quota", used(3500, 3072), false, "3500 MiB of the 3072 MiB monthly data plan used this month (114 %; alarm at 80 %)"),
                Arguments.of("active: stays at 76 %", used(2335, 3072), true, "2335 MiB of the 3072 MiB monthly data plan used this month (76 %; alarm at 80 %)"),
                Arguments.of("active: clears below 75 % (a new month)", used(10, 3072), true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void quotaNearItsEnd(String why, CellularLink link, boolean active, String expected) {
        assertThat(AlarmRules.quotaNearEnd(link, active)).isEqualTo(expected);
        Heartbeat h = Heartbeat.newBuilder().setClockSynchronised(true).setCellular(link).build();
        var conditions = new AlarmRules(AlarmThresholds.defaults()).conditions(h, active ? Set.of(QUOTA) : Set.of(), false);
        assertThat(conditions.get(QUOTA)).isEqualTo(expected);
    }
}
