package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lead before an announcement's common start, and a late joiner's own lead and start: table-driven. */
@Timeout(10)
class LeadPolicyTest {
    private static final long DEFAULT = AnnouncementService.DEFAULT_LEAD_MS;

    record Lead(String why, long longestStationLeadMs, int connected, long expectedMs) {
    }

    @Test
    void theLead() {
        for (Lead c : List.of(
                new Lead("no station connected", 0, 0, 800),
                new Lead("one station that did not say", 0, 1, 800),
                new Lead("a commune", 0, 37, 800),
                new Lead("a thousand stations", 0, 1_000, 800),
                new Lead("agent defaults: 0.5 s warm-up + 0.1 s settle, + 0.3 s margin", 600, 37, 900),
                new Lead("a hardware file's 1.5 s warm-up", 1_600, 1, 1_900),
                new Lead("a short warm-up keeps the default", 400, 37, 800),
                new Lead("2,000 stations: 0.1 ms each beyond 1,000", 0, 2_000, 900),
                new Lead("10,000 stations", 0, 10_000, 1_700),
                new Lead("10,000 stations with a long warm-up", 1_600, 10_000, 2_800))) {
            assertThat(LeadPolicy.lead(DEFAULT, c.longestStationLeadMs(), c.connected())).as(c.why())
                    .isEqualTo(c.expectedMs());
        }
    }

    record Join(String why, long commonStartMs, long nowMs, long stationLeadMs, long expectedLeadMs, long expectedStartMs) {
    }

    @Test
    void aLateJoinersOwnLeadAndStart() {
        for (Join c : List.of(
                new Join("before the common start, far enough: the common start", 10_000, 5_000, 0, 800, 10_000),
                new Join("just before the common start: its own lead from now", 10_000, 9_500, 0, 800, 10_300),
                new Join("after the common start: its own lead from now", 10_000, 20_000, 0, 800, 20_800),
                new Join("a short warm-up keeps the default", 10_000, 20_000, 400, 800, 20_800),
                new Join("a long warm-up is its own", 10_000, 20_000, 2_600, 2_900, 22_900))) {
            assertThat(LeadPolicy.joinLead(DEFAULT, c.stationLeadMs())).as(c.why()).isEqualTo(c.expectedLeadMs());
            assertThat(LeadPolicy.joinStart(c.commonStartMs(), c.nowMs(), DEFAULT, c.stationLeadMs())).as(c.why())
                    .isEqualTo(c.expectedStartMs());
        }
    }
}
