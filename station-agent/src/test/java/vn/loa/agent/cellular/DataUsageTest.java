package vn.loa.agent.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The month's data use summed from counters that restart at every boot: the rule, table-driven. */
class DataUsageTest {
    private static final YearMonth DEC = YearMonth.of(2026, 12);
    private static final YearMonth JAN = YearMonth.of(2027, 1);

    static Stream<Arguments> readings() {
        return Stream.of(
                // before, counter, boot, month, used after
                Arguments.of("first reading ever: the whole counter", DataUsage.none(), 500, "b1", DEC, 500L),
                Arguments.of("same boot: the growth", new DataUsage(DEC, "b1", 500, 700), 800, "b1", DEC, 1000L),
                Arguments.of("same reading twice: nothing added", new DataUsage(DEC, "b1", 800, 1000), 800, "b1", DEC, 1000L),
                Arguments.of("a reboot: the new counter is all new", new DataUsage(DEC, "b1", 800, 1000), 900, "b2", DEC, 1900L),
                Arguments.of("counter went back (interface re-created)", new DataUsage(DEC, "b1", 800, 1000), 50, "b1", DEC, 1050L),
                Arguments.of("a new month: only this reading's growth", new DataUsage(DEC, "b1", 800, 1000), 850, "b1", JAN, 50L),
                Arguments.of("a new month after a reboot", new DataUsage(DEC, "b1", 800, 1000), 30, "b2", JAN, 30L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void theMonthsUseFollowsTheCounters(String why, DataUsage before, long counter, String boot, YearMonth month, long used) {
        DataUsage after = before.next(counter, boot, month);
        assertThat(after.usedIn(month)).isEqualTo(used);
        assertThat(after.lastCounter()).isEqualTo(counter);
        assertThat(after.usedIn(month.plusMonths(1))).as("nothing used yet in the next month").isZero();
    }
}
