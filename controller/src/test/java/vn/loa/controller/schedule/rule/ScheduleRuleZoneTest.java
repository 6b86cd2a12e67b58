package vn.loa.controller.schedule.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.schedule.rule.RuleTestSupport.BERLIN;
import static vn.loa.controller.schedule.rule.RuleTestSupport.local;
import static vn.loa.controller.schedule.rule.RuleTestSupport.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Europe/Berlin in 2026: clocks go 02:00 -> 03:00 on 2026-03-29 (gap) and 03:00 -> 02:00 on
 * 2026-10-25 (overlap).
 */
class ScheduleRuleZoneTest {

    @Test
    void localTimeInAGapShiftsForwardByTheGapLength() {
        ScheduleRule daily = rule(BERLIN,
                "{'type':'daily','times':['02:30'],'from':'2026-03-28','until':'2026-03-30'}");

        assertThat(daily.occurrences(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")))
                .containsExactly(
                        Instant.parse("2026-03-28T01:30:00Z"),  // 02:30 CET
                        Instant.parse("2026-03-29T01:30:00Z"),  // 02:30 does not exist: 03:30 CEST
                        Instant.parse("2026-03-30T00:30:00Z")); // 02:30 CEST
    }

    @Test
    void gapCanReorderAndMergeTimesOfOneDay() {
        ScheduleRule daily = rule(BERLIN,
                "{'type':'daily','times':['01:30','02:30','03:00','03:30'],'from':'2026-03-29','until':'2026-03-29'}");

        // 02:30 becomes 03:30 CEST: after 03:00 CEST, and the same instant as 03:30 (fires once).
        List<Instant> expected = List.of(
                Instant.parse("2026-03-29T00:30:00Z"),  // 01:30 CET
                Instant.parse("2026-03-29T01:00:00Z"),  // 03:00 CEST
                Instant.parse("2026-03-29T01:30:00Z")); // 02:30 -> 03:30 CEST, and 03:30 CEST
        assertThat(daily.occurrences(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .containsExactlyElementsOf(expected);
        assertThat(daily.nextRuns(Instant.parse("2026-03-28T00:00:00Z"), 10)).containsExactlyElementsOf(expected);
        assertThat(daily.firstAfter(Instant.parse("2026-03-29T00:45:00Z")))
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void localTimeInAnOverlapTakesTheEarlierOffsetAndFiresOnce() {
        ScheduleRule daily = rule(BERLIN,
                "{'type':'daily','times':['02:30'],'from':'2026-10-24','until':'2026-10-26'}");

        assertThat(daily.occurrences(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")))
                .containsExactly(
                        Instant.parse("2026-10-24T00:30:00Z"),  // 02:30 CEST
                        Instant.parse("2026-10-25T00:30:00Z"),  // first 02:30 (CEST), not the second (CET)
                        Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET
    }

    @Test
    void onceWithLocalTimeUsesTheParserZone() {
        assertThat(rule(BERLIN, "{'type':'once','at':'2026-03-29T02:30'}").firstAfter(Instant.EPOCH))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(rule(BERLIN, "{'type':'once','at':'2026-10-25T02:30'}").firstAfter(Instant.EPOCH))
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void sameRuleInTwoZones() {
        String json = "{'type':'daily','times':['17:00'],'from':'2026-12-01'}";

        assertThat(rule(json).firstAfter(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(local("2026-12-01T17:00"))
                .contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(rule(BERLIN, json).firstAfter(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(LocalDate.of(2026, 12, 1).atTime(LocalTime.of(17, 0)).atZone(BERLIN).toInstant())
                .contains(Instant.parse("2026-12-01T16:00:00Z"));
    }
}
