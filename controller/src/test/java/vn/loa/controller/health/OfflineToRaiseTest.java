package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stations one health tick finds offline after the start grace: a bounded number, never one online or raised. */
class OfflineToRaiseTest {
    private static Set<Long> ids(String s) {
        Set<Long> out = new HashSet<>();
        if (!s.isBlank()) {
            Arrays.stream(s.split(" ")).forEach(x -> out.add(Long.parseLong(x)));
        }
        return out;
    }

    /** known stations, online, raised already, at most → raised now. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 2 3 4 5 | ''    | ''  | 250 | 1 2 3 4 5",  // nothing back yet: every one
            "1 2 3 4 5 | 2 4   | ''  | 250 | 1 3 5",      // those back are not offline
            "1 2 3 4 5 | 2     | 1 3 | 250 | 4 5",        // nor those already raised
            "1 2 3 4 5 | ''    | ''  | 2   | 1 2",        // at most two a tick, in the order they are known
            "1 2 3 4 5 | ''    | 1 2 | 2   | 3 4",        // the next tick takes the next ones
            "1 2 3 4 5 | 1 2 3 4 5 | '' | 2 | ''",        // all back: none
            "''        | ''    | ''  | 2   | ''",         // no station known
    })
    void aTickRaisesAtMostItsShareOfTheStationsNotBackAndNotRaised(String known, String online, String raised, int max,
            String expected) {
        List<Long> order = new ArrayList<>();
        if (!known.isBlank()) {
            Arrays.stream(known.split(" ")).forEach(x -> order.add(Long.parseLong(x)));
        }
        Set<Long> on = ids(online);
        Set<Long> done = ids(raised);
        List<Long> want = expected.isBlank() ? List.of()
                : Arrays.stream(expected.split(" ")).map(Long::parseLong).toList();
        assertThat(HealthMonitor.offlineToRaise(order, on::contains, done::contains, max)).containsExactlyElementsOf(want);
    }

    @org.junit.jupiter.api.Test
    void tenThousandStationsNotBackAreRaisedAFewHundredATickNotAllAtOnce() {
        List<Long> fleet = LongStream.rangeClosed(1, 10_000).boxed().toList();
        Set<Long> raised = new HashSet<>();
        int ticks = 0;
        while (raised.size() < fleet.size()) {
            List<Long> now = HealthMonitor.offlineToRaise(fleet, id -> false, raised::contains,
                    HealthMonitor.MAX_OFFLINE_RAISES_PER_TICK);
            assertThat(now).hasSizeLessThanOrEqualTo(HealthMonitor.MAX_OFFLINE_RAISES_PER_TICK)
                    .noneMatch(raised::contains);
            raised.addAll(now);
            ticks++;
        }
        assertThat(ticks).isEqualTo(10_000 / HealthMonitor.MAX_OFFLINE_RAISES_PER_TICK);
    }
}
