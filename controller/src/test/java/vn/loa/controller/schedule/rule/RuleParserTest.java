package vn.loa.controller.schedule.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vn.loa.controller.schedule.rule.RuleTestSupport.HCM;
import static vn.loa.controller.schedule.rule.RuleTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;

class RuleParserTest {

    private final RuleParser parser = new RuleParser(HCM);

    @Test
    void defaultZoneIsHoChiMinh() {
        assertThat(new RuleParser().zone()).isEqualTo(ScheduleRule.DEFAULT_ZONE).isEqualTo(HCM);
    }

    @Test
    void parsesAWeeklyRuleAndNormalizesIt() {
        ScheduleRule rule = parser.parse(json("{'type':'Weekly','days':['thu','MON','monday'],"
                + "'times':['17:00','05:30','17:00'],'from':'2026-12-01','until':null,"
                + "'except':['2026-12-31','2026-12-24','2026-12-31']}"));

        assertThat(rule).isEqualTo(new WeeklyRule(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                List.of(LocalTime.of(5, 30), LocalTime.of(17, 0)), LocalDate.of(2026, 12, 1), null,
                List.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)), HCM));
    }

    @Test
    void parsesMonthlyAndOnce() {
        assertThat(parser.parse(json("{'type':'monthly','daysOfMonth':[31,-1,1,15,1],'times':['06:00'],"
                + "'from':'2026-12-01','until':'2027-12-31'}")))
                .isEqualTo(new MonthlyRule(List.of(-1, 1, 15, 31), List.of(LocalTime.of(6, 0)),
                        LocalDate.of(2026, 12, 1), LocalDate.of(2027, 12, 31), List.of(), HCM));
        assertThat(parser.parse(json("{'type':'once','at':'2026-12-01T17:00:00+07:00'}")))
                .isEqualTo(new OnceRule(Instant.parse("2026-12-01T10:00:00Z"), HCM));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'type':'once','at':'2026-12-01T17:00:00+07:00'}",
            "{'type':'daily','times':['05:30','17:00'],'from':'2026-12-01','until':'2026-12-31'}",
            "{'type':'daily','times':['00:00'],'from':'2026-12-01','except':['2026-12-25','2027-01-01']}",
            "{'type':'weekly','days':['MON','THU'],'times':['06:00'],'from':'2026-12-01','until':'2027-03-01'}",
            "{'type':'weekly','days':['MON','TUE','WED','THU','FRI','SAT','SUN'],'times':['23:59'],'from':'2026-12-01'}",
            "{'type':'monthly','daysOfMonth':[-1,1,15,31],'times':['06:00','18:00'],'from':'2026-12-01',"
                    + "'until':'2027-12-31','except':['2027-01-01']}",
    })
    void canonicalJsonRoundTrips(String canonical) {
        JsonNode input = json(canonical);

        ScheduleRule rule = parser.parse(input);
        JsonNode output = parser.toJson(rule);

        assertThat(output).isEqualTo(input);
        assertThat(parser.parse(output)).isEqualTo(rule);
    }

    @Test
    void onceWithLocalOrOtherOffsetRoundTripsToTheSameInstant() {
        ScheduleRule local = parser.parse(json("{'type':'once','at':'2026-12-01T17:00'}"));
        ScheduleRule utc = parser.parse(json("{'type':'once','at':'2026-12-01T10:00:00Z'}"));

        assertThat(local).isEqualTo(utc);
        assertThat(parser.toJson(local)).isEqualTo(json("{'type':'once','at':'2026-12-01T17:00:00+07:00'}"));
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("{'type':'yearly'}",
                        "rule.type: 'yearly' is not supported (once, daily, weekly, monthly)"),
                Arguments.of("{'type':3}",
                        "rule.type: 3 is not supported (once, daily, weekly, monthly)"),
                Arguments.of("{}",
                        "rule.type: is required (once, daily, weekly, monthly)"),
                Arguments.of("[1]",
                        "rule: [1] is not an object (e.g. {\"type\":\"daily\",\"times\":[\"17:00\"],\"from\":\"2026-12-01\"})"),
                Arguments.of("{'type':'daily','times':['05:30','25:00'],'from':'2026-12-01'}",
                        "rule.times[1]: '25:00' is not a time of day (HH:mm)"),
                Arguments.of("{'type':'daily','times':['5:30'],'from':'2026-12-01'}",
                        "rule.times[0]: '5:30' is not a time of day (HH:mm)"),
                Arguments.of("{'type':'daily','times':[1700],'from':'2026-12-01'}",
                        "rule.times[0]: 1700 is not a time of day (HH:mm)"),
                Arguments.of("{'type':'daily','times':'17:00','from':'2026-12-01'}",
                        "rule.times: '17:00' is not a list of times of day (HH:mm), e.g. [\"05:30\", \"17:00\"]"),
                Arguments.of("{'type':'daily','times':[],'from':'2026-12-01'}",
                        "rule.times: is empty; give at least one time of day (HH:mm)"),
                Arguments.of("{'type':'daily','from':'2026-12-01'}",
                        "rule.times: is required (a list of times of day, HH:mm, e.g. [\"05:30\", \"17:00\"])"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'2026-12-01','until':'2026-11-01'}",
                        "rule.until (2026-11-01) is before rule.from (2026-12-01)"),
                Arguments.of("{'type':'daily','times':['17:00']}",
                        "rule.from: is required (a date, YYYY-MM-DD)"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'01/12/2026'}",
                        "rule.from: '01/12/2026' is not a date (YYYY-MM-DD)"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'1969-12-31'}",
                        "rule.from: '1969-12-31' is out of range (1970-01-01..9999-12-31)"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'2026-12-01','until':'2027-02-29'}",
                        "rule.until: '2027-02-29' is not a date (YYYY-MM-DD)"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'2026-12-01','except':['2026-02-30',null]}",
                        "rule.except[0]: '2026-02-30' is not a date (YYYY-MM-DD); "
                                + "rule.except[1]: null is not a date (YYYY-MM-DD)"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'2026-12-01','except':'2026-12-25'}",
                        "rule.except: '2026-12-25' is not a list of dates (YYYY-MM-DD), e.g. [\"2026-12-25\"]"),
                Arguments.of("{'type':'daily','times':['17:00'],'from':'2026-12-01','untill':'2026-12-31'}",
                        "rule.untill: is not a field of a daily rule (allowed: type, times, from, until, except)"),
                Arguments.of("{'type':'weekly','days':['MON','MOX'],'times':['06:00'],'from':'2026-12-01'}",
                        "rule.days: 'MOX' is not a day (MON..SUN)"),
                Arguments.of("{'type':'weekly','days':[],'times':['06:00'],'from':'2026-12-01'}",
                        "rule.days: is empty; give at least one day (MON..SUN)"),
                Arguments.of("{'type':'weekly','times':['06:00'],'from':'2026-12-01'}",
                        "rule.days: is required (a list of days, MON..SUN, e.g. [\"MON\", \"THU\"])"),
                Arguments.of("{'type':'monthly','daysOfMonth':[0,32,-2,'1',1.5],'times':['06:00'],'from':'2026-12-01'}",
                        "rule.daysOfMonth[0]: 0 is not a day of month (1..31, or -1 for the last day); "
                                + "rule.daysOfMonth[1]: 32 is not a day of month (1..31, or -1 for the last day); "
                                + "rule.daysOfMonth[2]: -2 is not a day of month (1..31, or -1 for the last day); "
                                + "rule.daysOfMonth[3]: '1' is not a day of month (1..31, or -1 for the last day); "
                                + "rule.daysOfMonth[4]: 1.5 is not a day of month (1..31, or -1 for the last day)"),
                Arguments.of("{'type':'monthly','days':['MON'],'times':['06:00'],'from':'2026-12-01'}",
                        "rule.days: is not a field of a monthly rule (allowed: type, daysOfMonth, times, from, until, except); "
                                + "rule.daysOfMonth: is required (a list of days of month, 1..31 or -1 for the last day, "
                                + "e.g. [1, 15, -1])"),
                Arguments.of("{'type':'once','at':'tomorrow'}",
                        "rule.at: 'tomorrow' is not a date-time (e.g. 2026-12-01T17:00:00+07:00, "
                                + "or 2026-12-01T17:00 for local time)"),
                Arguments.of("{'type':'once'}",
                        "rule.at: is required (a date-time, e.g. 2026-12-01T17:00:00+07:00)"),
                Arguments.of("{'type':'once','at':'2026-12-01T17:00','times':['17:00']}",
                        "rule.times: is not a field of a once rule (allowed: type, at)"),
                Arguments.of("null", "rule: is required (an object with a \"type\": once, daily, weekly, monthly)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidRules")
    void invalidRuleGivesAPreciseMessage(String json, String expectedMessage) {
        assertThatThrownBy(() -> parser.parse(json(json)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void allFieldErrorsOfOneRuleAreReportedTogether() {
        InvalidRuleException e = catchThrowableOfType(InvalidRuleException.class, () -> parser.parse(json(
                "{'type':'weekly','days':['MOX','tue'],'times':['25:00','06:00','6:5'],'from':'2026-13-01',"
                        + "'until':'2026-11-01','except':['x'],'colour':'red'}")));

        assertThat(e.errors()).containsExactly(
                "rule.colour: is not a field of a weekly rule (allowed: type, days, times, from, until, except)",
                "rule.days: 'MOX' is not a day (MON..SUN)",
                "rule.times[0]: '25:00' is not a time of day (HH:mm)",
                "rule.times[2]: '6:5' is not a time of day (HH:mm)",
                "rule.from: '2026-13-01' is not a date (YYYY-MM-DD)",
                "rule.except[0]: 'x' is not a date (YYYY-MM-DD)");
        assertThat(e).hasMessage(String.join("; ", e.errors()));
    }

    @Test
    void untilBeforeFromIsReportedWithOtherErrors() {
        assertThatThrownBy(() -> parser.parse(json(
                "{'type':'daily','times':['24:00'],'from':'2026-12-01','until':'2026-11-01'}")))
                .hasMessage("rule.times[0]: '24:00' is not a time of day (HH:mm); "
                        + "rule.until (2026-11-01) is before rule.from (2026-12-01)");
    }

    @Test
    void atMost48TimesPerDay() {
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            times.add("'" + LocalTime.of(i / 4, (i % 4) * 15) + "'");
        }
        String rule48 = "{'type':'daily','times':[" + String.join(",", times.subList(0, 48)) + ",'00:00'],"
                + "'from':'2026-12-01'}";
        String rule49 = "{'type':'daily','times':[" + String.join(",", times) + "],'from':'2026-12-01'}";

        assertThat(parser.parse(json(rule48))).isInstanceOfSatisfying(DailyRule.class,
                daily -> assertThat(daily.times()).hasSize(48));
        assertThatThrownBy(() -> parser.parse(json(rule49)))
                .hasMessage("rule.times: 49 different times given; at most 48 per day are allowed");
    }

    @Test
    void atMost366ExceptDates() {
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < 367; i++) {
            dates.add("'" + LocalDate.of(2027, 1, 1).plusDays(i) + "'");
        }
        String rule366 = "{'type':'daily','times':['06:00'],'from':'2026-12-01','except':["
                + String.join(",", dates.subList(0, 366)) + "]}";
        String rule367 = "{'type':'daily','times':['06:00'],'from':'2026-12-01','except':[" + String.join(",", dates) + "]}";

        assertThat(parser.parse(json(rule366))).isInstanceOfSatisfying(DailyRule.class,
                daily -> assertThat(daily.except()).hasSize(366));
        assertThatThrownBy(() -> parser.parse(json(rule367)))
                .hasMessage("rule.except: 367 dates given; at most 366 are allowed");
    }

    @Test
    void veryManyErrorsAreSummarized() {
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            times.add("'x" + i + "'");
        }
        InvalidRuleException e = catchThrowableOfType(InvalidRuleException.class, () -> parser.parse(json(
                "{'type':'daily','times':[" + String.join(",", times) + "],'from':'2026-12-01'}")));

        assertThat(e.errors()).hasSize(30);
        assertThat(e.getMessage()).startsWith("rule.times[0]: 'x0' is not a time of day (HH:mm); ")
                .endsWith("; … and 10 more errors");
    }

    @Test
    void recordsRejectInconsistentValues() {
        List<LocalTime> six = List.of(LocalTime.of(6, 0));
        LocalDate from = LocalDate.of(2026, 12, 1);
        assertThatThrownBy(() -> new DailyRule(List.of(), from, null, null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DailyRule(six, from, from.minusDays(1), null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DailyRule(List.of(LocalTime.of(6, 0, 30)), from, null, null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeeklyRule(EnumSet.noneOf(DayOfWeek.class), six, from, null, null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MonthlyRule(List.of(0), six, from, null, null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DailyRule(six, LocalDate.MAX, null, null, HCM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DailyRule(six, from, null, null, HCM).except()).isEmpty();
    }

    @Test
    void missingNodeIsRequired() {
        assertThatThrownBy(() -> parser.parse(JsonNodeFactory.instance.missingNode()))
                .hasMessageStartingWith("rule: is required");
        assertThatThrownBy(() -> parser.parse(null)).hasMessageStartingWith("rule: is required");
    }

    static Stream<Arguments> codedProblems() {
        return Stream.of(
                Arguments.of("{'type':'once'}", RejectionCode.RULE_AT_REQUIRED, Map.of()),
                Arguments.of("{'type':'once','at':'soon'}", RejectionCode.RULE_AT_NOT_A_DATE_TIME,
                        Map.of("value", "'soon'")),
                Arguments.of("{'type':'yearly'}", RejectionCode.RULE_TYPE_UNSUPPORTED,
                        Map.of("value", "'yearly'", "types", "once, daily, weekly, monthly")),
                Arguments.of("{'type':'daily','times':['05:30','24:10'],'from':'2026-12-01'}",
                        RejectionCode.RULE_NOT_A_TIME, Map.of("field", "rule.times[1]", "value", "'24:10'")),
                Arguments.of("{'type':'daily','times':[],'from':'2026-12-01'}", RejectionCode.RULE_TIMES_EMPTY, Map.of()),
                Arguments.of("{'type':'weekly','days':['MON','XYZ'],'times':['06:00'],'from':'2026-12-01'}",
                        RejectionCode.RULE_NOT_A_DAY, Map.of("value", "'XYZ'")),
                Arguments.of("{'type':'monthly','daysOfMonth':[0],'times':['06:00'],'from':'2026-12-01'}",
                        RejectionCode.RULE_NOT_A_DAY_OF_MONTH, Map.of("field", "rule.daysOfMonth[0]", "value", "0")),
                Arguments.of("{'type':'daily','times':['06:00']}", RejectionCode.RULE_DATE_REQUIRED,
                        Map.of("field", "rule.from")),
                Arguments.of("{'type':'daily','times':['06:00'],'from':'2026-12-01','until':'2026-11-01'}",
                        RejectionCode.RULE_UNTIL_BEFORE_FROM, Map.of("until", "2026-11-01", "from", "2026-12-01")),
                Arguments.of("{'type':'daily','times':['06:00'],'from':'2026-12-01','colour':'red'}",
                        RejectionCode.RULE_UNKNOWN_FIELD, Map.of("field", "rule.colour", "type", "daily",
                                "allowed", List.of("type", "times", "from", "until", "except"))));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("codedProblems")
    void eachProblemHasItsCodeAndParameters(String rule, RejectionCode code, Map<String, Object> params) {
        InvalidRuleException e = catchThrowableOfType(InvalidRuleException.class, () -> new RuleParser(HCM).parse(json(rule)));

        assertThat(e.problems()).extracting(Problem::code).containsExactly(code);
        assertThat(e.problems().get(0).jsonParams()).isEqualTo(params);
    }
}
