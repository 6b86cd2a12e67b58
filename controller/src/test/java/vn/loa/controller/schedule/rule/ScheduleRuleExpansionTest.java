package vn.loa.controller.schedule.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.loa.controller.schedule.rule.RuleTestSupport.local;
import static vn.loa.controller.schedule.rule.RuleTestSupport.locals;
import static vn.loa.controller.schedule.rule.RuleTestSupport.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleRuleExpansionTest {

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("daily across a month end, times de-duplicated and sorted, until inclusive",
                        "{'type':'daily','times':['17:00','05:30','17:00'],'from':'2026-11-30','until':'2026-12-01'}",
                        "2026-11-01T00:00", "2027-01-01T00:00",
                        locals("2026-11-30T05:30", "2026-11-30T17:00", "2026-12-01T05:30", "2026-12-01T17:00")),
                Arguments.of("daily across a year end, open-ended, capped at the horizon",
                        "{'type':'daily','times':['23:30'],'from':'2026-12-30'}",
                        "2026-12-01T00:00", "2027-01-02T00:00",
                        locals("2026-12-30T23:30", "2026-12-31T23:30", "2027-01-01T23:30")),
                Arguments.of("window is [from, to): an instant at the start is in, at the end is out",
                        "{'type':'daily','times':['17:00'],'from':'2026-12-01'}",
                        "2026-12-01T17:00", "2026-12-03T17:00",
                        locals("2026-12-01T17:00", "2026-12-02T17:00")),
                Arguments.of("until is inclusive up to the last minute of the day",
                        "{'type':'daily','times':['23:59'],'from':'2026-12-30','until':'2026-12-31'}",
                        "2026-12-01T00:00", "2027-02-01T00:00",
                        locals("2026-12-30T23:59", "2026-12-31T23:59")),
                Arguments.of("except dates do not fire",
                        "{'type':'daily','times':['06:00'],'from':'2026-12-24','until':'2026-12-26','except':['2026-12-25']}",
                        "2026-12-01T00:00", "2027-01-01T00:00",
                        locals("2026-12-24T06:00", "2026-12-26T06:00")),
                Arguments.of("weekly, days case-insensitive, until inclusive",
                        "{'type':'weekly','days':['thu','Mon'],'times':['06:00'],'from':'2026-12-01','until':'2026-12-14'}",
                        "2026-11-01T00:00", "2027-01-01T00:00",
                        locals("2026-12-03T06:00", "2026-12-07T06:00", "2026-12-10T06:00", "2026-12-14T06:00")),
                Arguments.of("weekly with except",
                        "{'type':'weekly','days':['FRI'],'times':['06:00'],'from':'2026-12-18','until':'2027-01-01','except':['2026-12-25']}",
                        "2026-11-01T00:00", "2027-02-01T00:00",
                        locals("2026-12-18T06:00", "2027-01-01T06:00")),
                Arguments.of("monthly 29 and -1 in the leap year 2028: Feb 29 fires once",
                        "{'type':'monthly','daysOfMonth':[29,-1],'times':['06:00'],'from':'2028-01-01','until':'2028-04-30'}",
                        "2027-12-01T00:00", "2028-06-01T00:00",
                        locals("2028-01-29T06:00", "2028-01-31T06:00", "2028-02-29T06:00", "2028-03-29T06:00",
                                "2028-03-31T06:00", "2028-04-29T06:00", "2028-04-30T06:00")),
                Arguments.of("monthly 29 skips February of a non-leap year",
                        "{'type':'monthly','daysOfMonth':[29],'times':['06:00'],'from':'2027-01-01','until':'2027-03-31'}",
                        "2026-12-01T00:00", "2027-06-01T00:00",
                        locals("2027-01-29T06:00", "2027-03-29T06:00")),
                Arguments.of("monthly 31 skips the short months",
                        "{'type':'monthly','daysOfMonth':[31],'times':['06:00'],'from':'2026-01-01','until':'2026-12-31'}",
                        "2025-12-01T00:00", "2027-02-01T00:00",
                        locals("2026-01-31T06:00", "2026-03-31T06:00", "2026-05-31T06:00", "2026-07-31T06:00",
                                "2026-08-31T06:00", "2026-10-31T06:00", "2026-12-31T06:00")),
                Arguments.of("monthly -1 in February of a non-leap year is the 28th",
                        "{'type':'monthly','daysOfMonth':[-1],'times':['06:00'],'from':'2027-02-01','until':'2027-03-01'}",
                        "2027-01-01T00:00", "2027-04-01T00:00",
                        locals("2027-02-28T06:00")),
                Arguments.of("monthly -1 in February of a leap year is the 29th",
                        "{'type':'monthly','daysOfMonth':[-1],'times':['06:00'],'from':'2028-02-01','until':'2028-03-01'}",
                        "2028-01-01T00:00", "2028-04-01T00:00",
                        locals("2028-02-29T06:00")),
                Arguments.of("monthly 31 and -1 coincide in a 31-day month",
                        "{'type':'monthly','daysOfMonth':[-1,31,1],'times':['06:00'],'from':'2026-03-01','until':'2026-04-30'}",
                        "2026-01-01T00:00", "2026-06-01T00:00",
                        locals("2026-03-01T06:00", "2026-03-31T06:00", "2026-04-01T06:00", "2026-04-30T06:00")),
                Arguments.of("once with an offset",
                        "{'type':'once','at':'2026-12-01T17:00:00+07:00'}",
                        "2026-12-01T00:00", "2026-12-02T00:00",
                        locals("2026-12-01T17:00")),
                Arguments.of("once outside the window",
                        "{'type':'once','at':'2026-12-01T17:00:00+07:00'}",
                        "2026-12-01T17:01", "2026-12-02T00:00",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expandsIntoTheExpectedInstants(String name, String json, String from, String to, List<Instant> expected) {
        ScheduleRule rule = rule(json);

        List<Instant> occurrences = rule.occurrences(local(from), local(to));

        assertThat(occurrences).containsExactlyElementsOf(expected);
        Instant beforeFirst = local(from).minusNanos(1);
        assertThat(rule.firstAfter(beforeFirst)).isEqualTo(expected.stream().findFirst());
    }

    @Test
    void localTimesAreInTheRuleZone_17h00InHoChiMinhIs10h00Utc() {
        Instant expected = Instant.parse("2026-12-01T10:00:00Z");
        ScheduleRule daily = rule("{'type':'daily','times':['17:00'],'from':'2026-12-01'}");

        assertThat(daily.firstAfter(Instant.parse("2026-12-01T00:00:00Z"))).contains(expected);
        assertThat(rule("{'type':'once','at':'2026-12-01T17:00:00+07:00'}").firstAfter(Instant.EPOCH)).contains(expected);
        assertThat(rule("{'type':'once','at':'2026-12-01T17:00'}").firstAfter(Instant.EPOCH)).contains(expected);
        assertThat(rule("{'type':'once','at':'2026-12-01T10:00:00Z'}").firstAfter(Instant.EPOCH)).contains(expected);
    }

    @Test
    void emptyOrInvertedWindowGivesNothing() {
        ScheduleRule daily = rule("{'type':'daily','times':['17:00'],'from':'2026-12-01'}");

        assertThat(daily.occurrences(local("2026-12-05T00:00"), local("2026-12-05T00:00"))).isEmpty();
        assertThat(daily.occurrences(local("2026-12-06T00:00"), local("2026-12-05T00:00"))).isEmpty();
    }

    @Test
    void openEndedRuleIsCheapFarInTheFuture() {
        ScheduleRule daily = rule("{'type':'daily','times':['05:30','17:00'],'from':'2026-12-01'}");

        assertThat(daily.firstAfter(local("2999-06-15T12:00"))).contains(local("2999-06-15T17:00"));
        assertThat(daily.occurrences(local("2999-06-15T00:00"), local("2999-06-16T00:00")))
                .containsExactly(local("2999-06-15T05:30"), local("2999-06-15T17:00"));
        assertThat(daily.occurrences(Instant.MIN, local("2026-12-02T00:00")))
                .containsExactly(local("2026-12-01T05:30"), local("2026-12-01T17:00"));
    }

    @Test
    void firstAfterBeforeFromStartsAtFrom() {
        ScheduleRule weekly = rule("{'type':'weekly','days':['MON'],'times':['06:00'],'from':'2026-12-01'}");

        assertThat(weekly.firstAfter(Instant.MIN)).contains(local("2026-12-07T06:00"));
    }

    @Test
    void firstAfterSkipsALongExceptListWithoutGivingUp() {
        // 366 excepted Mondays in a row (7 years), then the next Monday fires.
        List<String> mondays = new ArrayList<>();
        LocalDate monday = LocalDate.of(2026, 1, 5);
        for (int i = 0; i < ScheduleRule.MAX_EXCEPT_DATES; i++) {
            mondays.add("'" + monday.plusWeeks(i) + "'");
        }
        ScheduleRule weekly = rule("{'type':'weekly','days':['MON'],'times':['06:00'],'from':'2026-01-01','except':["
                + String.join(",", mondays) + "]}");

        assertThat(weekly.firstAfter(local("2026-01-01T00:00")))
                .contains(local(monday.plusWeeks(ScheduleRule.MAX_EXCEPT_DATES) + "T06:00"));
    }

    @Test
    void firstAfterFindsAMonthlyRuleBeyondDecadesOfExceptedDates() {
        // The 31st exists 7 times a year: 366 excepted 31sts span more than 52 years.
        List<String> dates = new ArrayList<>();
        LocalDate date = LocalDate.of(2026, 1, 31);
        while (dates.size() < ScheduleRule.MAX_EXCEPT_DATES) {
            if (date.lengthOfMonth() == 31) {
                dates.add("'" + date.withDayOfMonth(31) + "'");
            }
            date = date.withDayOfMonth(1).plusMonths(1);
        }
        ScheduleRule monthly = rule("{'type':'monthly','daysOfMonth':[31],'times':['06:00'],'from':'2026-01-01',"
                + "'except':[" + String.join(",", dates) + "]}");

        Instant first = monthly.firstAfter(local("2026-01-01T00:00")).orElseThrow();

        LocalDate lastExcepted = LocalDate.parse(dates.getLast().replace("'", ""));
        assertThat(first).isAfter(local(lastExcepted + "T06:00"));
        assertThat(first).isEqualTo(monthly.occurrences(local(lastExcepted + "T07:00"),
                local(lastExcepted.plusYears(1) + "T00:00")).getFirst());
    }

    @Test
    void nextRunsReturnsAtMostLimitInstantsStrictlyAfterNow() {
        ScheduleRule daily = rule("{'type':'daily','times':['05:30','17:00'],'from':'2026-12-01','until':'2026-12-02'}");

        assertThat(daily.nextRuns(local("2026-11-01T00:00"), 3))
                .containsExactlyElementsOf(locals("2026-12-01T05:30", "2026-12-01T17:00", "2026-12-02T05:30"));
        assertThat(daily.nextRuns(local("2026-12-01T05:30"), 10))
                .containsExactlyElementsOf(locals("2026-12-01T17:00", "2026-12-02T05:30", "2026-12-02T17:00"));
        assertThat(daily.nextRuns(local("2026-11-01T00:00"), 0)).isEmpty();
        assertThat(daily.nextRuns(local("2026-12-02T17:00"), 5)).isEmpty();
        assertThatThrownBy(() -> daily.nextRuns(Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.nextRuns(Instant.EPOCH, ScheduleRule.MAX_EXPANSION + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onceRuleNextRuns() {
        ScheduleRule once = rule("{'type':'once','at':'2026-12-01T17:00:00+07:00'}");

        assertThat(once.nextRuns(local("2026-12-01T00:00"), 5)).containsExactly(local("2026-12-01T17:00"));
        assertThat(once.nextRuns(local("2026-12-01T17:00"), 5)).isEmpty();
    }

    @Test
    void expansionOfOneCallIsCapped() {
        List<String> times = new ArrayList<>();
        for (int i = 0; i < ScheduleRule.MAX_TIMES_PER_DAY; i++) {
            times.add("'" + LocalTime.of(i / 2, (i % 2) * 30) + "'");
        }
        ScheduleRule daily = rule("{'type':'daily','times':[" + String.join(",", times) + "],'from':'2026-01-01'}");

        assertThat(daily.occurrences(local("2026-01-01T00:00"), local("2027-01-01T00:00"))).hasSize(48 * 365);
        assertThatThrownBy(() -> daily.occurrences(local("2026-01-01T00:00"), local("2036-01-01T00:00")))
                .isInstanceOf(TooManyOccurrencesException.class)
                .hasMessageContaining("more than 100000 occurrences");
        assertThatThrownBy(() -> daily.occurrences(Instant.MIN, Instant.MAX))
                .isInstanceOf(TooManyOccurrencesException.class);
    }
}
