package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayCalendarTest {
    private static final LocalDate FROM = LocalDate.parse("2026-12-01"); // a Tuesday

    private static RelayCalendar calendar(Set<DayOfWeek> days, LocalDate until) {
        return new RelayCalendar(List.of(new DailyWindow(17 * 60, 17 * 60 + 30), new DailyWindow(6 * 60, 6 * 60 + 30)),
                days, FROM, until, RelayCalendar.VIETNAM);
    }

    @Test
    void windowsAreLocalVietnamTimeAndEndExclusive() {
        RelayCalendar c = calendar(Set.of(), null);
        assertThat(c.current(Instant.parse("2026-12-01T23:10:00Z"))).contains(new Occurrence(
                Instant.parse("2026-12-01T23:00:00Z"), Instant.parse("2026-12-01T23:30:00Z"))); // 06:10 on 2 Dec
        assertThat(c.current(Instant.parse("2026-12-01T23:30:00Z"))).isEmpty();
        assertThat(c.current(Instant.parse("2026-12-01T22:59:59Z"))).isEmpty();
        assertThat(c.current(Instant.parse("2026-11-29T23:10:00Z"))).isEmpty(); // 30 Nov, before "from"
    }

    @Test
    void upcomingListsTheCurrentWindowFirstThenInOrderAcrossDays() {
        RelayCalendar c = calendar(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalDate.parse("2026-12-03"));
        List<Occurrence> next = c.upcoming(Instant.parse("2026-11-20T00:00:00Z"), 10);
        assertThat(next).extracting(o -> o.start().toString()).containsExactly("2026-11-30T23:00:00Z",
                "2026-12-01T10:00:00Z", "2026-12-02T23:00:00Z", "2026-12-03T10:00:00Z");
        assertThat(c.upcoming(Instant.parse("2026-12-01T10:10:00Z"), 1).get(0).start())
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aWindowMayRunToMidnight() {
        RelayCalendar c = new RelayCalendar(List.of(new DailyWindow(23 * 60, DailyWindow.END_OF_DAY)), Set.of(), FROM,
                null, RelayCalendar.VIETNAM);
        assertThat(c.current(Instant.parse("2026-12-01T16:59:59Z"))).isPresent(); // 23:59:59 local
        assertThat(c.current(Instant.parse("2026-12-01T17:00:00Z"))).isEmpty();
        assertThat(DailyWindow.parseTime("24:00", true)).contains(DailyWindow.END_OF_DAY);
        assertThat(DailyWindow.parseTime("24:00", false)).isEmpty();
        assertThat(DailyWindow.parseTime("6:00", false)).isEmpty();
    }

    @Test
    void retriesBackOffUpToTheLimit() {
        RelayConfig c = RelayConfig.defaults();
        assertThat(c.retryDelay(1).toSeconds()).isEqualTo(5);
        assertThat(c.retryDelay(2).toSeconds()).isEqualTo(10);
        assertThat(c.retryDelay(30).toSeconds()).isEqualTo(10);
    }
}
