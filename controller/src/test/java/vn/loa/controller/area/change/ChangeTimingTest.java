package vn.loa.controller.area.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an area change takes effect: 00:00 of its day in Vietnam (UTC+7), decided from the instant only. */
class ChangeTimingTest {
    @ParameterizedTest(name = "{0} at {1} → {2}")
    @CsvSource({
            // effective, now (UTC), when
            "2026-12-08, 2026-12-07T16:59:59Z, LATER",   // 23:59:59 in Vietnam the day before
            "2026-12-08, 2026-12-07T17:00:00Z, NOW",     // 00:00 in Vietnam: its instant
            "2026-12-08, 2026-12-07T17:00:01Z, NOW",
            "2026-12-07, 2026-12-07T03:00:00Z, NOW",     // today
            "2025-07-01, 2026-12-07T03:00:00Z, NOW",     // the past: recorded as history now
            "2028-12-06, 2026-12-07T03:00:00Z, LATER",   // 730 days ahead
            "2028-12-07, 2026-12-07T03:00:00Z, TOO_FAR_AHEAD",
            "2026-12-08, 2026-12-07T10:00:00Z, LATER",   // 17:00 in Vietnam, UTC still says the 7th
    })
    void whenAChangeIsMade(LocalDate effective, Instant now, ChangeTiming.When expected) {
        assertThat(ChangeTiming.when(effective, now)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2026-12-07T16:59:59Z, 2026-12-07",
            "2026-12-07T17:00:00Z, 2026-12-08",
            "2026-12-31T23:00:00Z, 2027-01-01",
    })
    void todayIsTheDayInVietnam(Instant now, LocalDate today) {
        assertThat(ChangeTiming.today(now)).isEqualTo(today);
        assertThat(ChangeTiming.instantOf(today)).isBeforeOrEqualTo(now);
    }

    @ParameterizedTest(name = "now {0}: due {1}")
    @CsvSource({
            "2026-12-07T03:00:00Z, ''",
            "2026-12-07T17:00:00Z, 1 4",       // the 8th begins: both changes of the 8th, as recorded
            "2026-12-08T17:00:00Z, 1 4 2",     // the 9th begins too
            "2026-12-10T17:00:00Z, 1 4 2 3",   // a controller down for days makes them all, in date order
    })
    void dueChangesInDateOrderThenAsRecorded(Instant now, String expected) {
        List<ChangeTiming.Waiting> waiting = List.of(
                new ChangeTiming.Waiting(1, LocalDate.parse("2026-12-08")),
                new ChangeTiming.Waiting(2, LocalDate.parse("2026-12-09")),
                new ChangeTiming.Waiting(3, LocalDate.parse("2026-12-11")),
                new ChangeTiming.Waiting(4, LocalDate.parse("2026-12-08")));
        List<Long> due = ChangeTiming.due(waiting, now).stream().map(ChangeTiming.Waiting::id).toList();
        assertThat(due).containsExactlyElementsOf(expected.isEmpty() ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(Long::valueOf).toList());
    }

    @ParameterizedTest(name = "now {0}: look again in {1}")
    @CsvSource({
            "2026-12-07T16:59:58Z, PT2S",    // two seconds before the next instant
            "2026-12-07T16:00:00Z, PT1M",    // an hour before: at most a minute
            "2026-12-07T17:00:05Z, PT0S",    // past it (not made yet): at once
    })
    void nextLook(Instant now, Duration expected) {
        List<ChangeTiming.Waiting> waiting = List.of(new ChangeTiming.Waiting(1, LocalDate.parse("2026-12-08")),
                new ChangeTiming.Waiting(2, LocalDate.parse("2026-12-20")));
        assertThat(ChangeTiming.nextLook(waiting, now, Duration.ofMinutes(1))).isEqualTo(expected);
    }

    @Test
    void nothingWaitingLooksAgainAtTheLongestWait() {
        assertThat(ChangeTiming.nextLook(List.of(), Instant.parse("2026-12-07T03:00:00Z"), Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMinutes(1));
    }
}
