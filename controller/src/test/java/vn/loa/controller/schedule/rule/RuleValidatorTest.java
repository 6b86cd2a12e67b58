package vn.loa.controller.schedule.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.loa.controller.schedule.rule.RuleTestSupport.local;
import static vn.loa.controller.schedule.rule.RuleTestSupport.rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleValidatorTest {

    static Stream<Arguments> neverFiring() {
        return Stream.of(
                Arguments.of("once in the past", RejectionCode.RULE_AT_NOT_AFTER_NOW,
                        "{'type':'once','at':'2026-11-01T17:00:00+07:00'}", "2026-12-01T00:00",
                        "the rule never fires after now: rule.at (2026-11-01T17:00:00+07:00) is not after now "
                                + "(2026-12-01T00:00:00+07:00)"),
                Arguments.of("once exactly now", RejectionCode.RULE_AT_NOT_AFTER_NOW,
                        "{'type':'once','at':'2026-12-01T17:00'}", "2026-12-01T17:00",
                        "the rule never fires after now: rule.at (2026-12-01T17:00:00+07:00) is not after now "
                                + "(2026-12-01T17:00:00+07:00)"),
                Arguments.of("daily ended yesterday", RejectionCode.RULE_ENDED,
                        "{'type':'daily','times':['17:00'],'from':'2026-11-01','until':'2026-11-30'}", "2026-12-01T00:00",
                        "the rule never fires after now: every occurrence up to rule.until (2026-11-30) is before now "
                                + "(2026-12-01T00:00:00+07:00)"),
                Arguments.of("daily ends today but its times have passed", RejectionCode.RULE_ENDED,
                        "{'type':'daily','times':['05:30','06:00'],'from':'2026-11-01','until':'2026-12-01'}",
                        "2026-12-01T07:00",
                        "the rule never fires after now: every occurrence up to rule.until (2026-12-01) is before now "
                                + "(2026-12-01T07:00:00+07:00)"),
                Arguments.of("weekly days never occur between from and until", RejectionCode.RULE_DAYS_NEVER_IN_RANGE,
                        "{'type':'weekly','days':['SAT','SUN'],'times':['06:00'],'from':'2026-12-01','until':'2026-12-04'}",
                        "2026-11-01T00:00",
                        "the rule never fires after now: none of rule.days (SAT, SUN) falls between rule.from "
                                + "(2026-12-01) and rule.until (2026-12-04)"),
                Arguments.of("monthly 31 in a February range", RejectionCode.RULE_DAYS_OF_MONTH_NEVER_IN_RANGE,
                        "{'type':'monthly','daysOfMonth':[31],'times':['06:00'],'from':'2027-02-01','until':'2027-02-28'}",
                        "2026-11-01T00:00",
                        "the rule never fires after now: none of rule.daysOfMonth (31) exists between rule.from "
                                + "(2027-02-01) and rule.until (2027-02-28)"),
                Arguments.of("monthly 30 and 31 in February of a leap year", RejectionCode.RULE_DAYS_OF_MONTH_NEVER_IN_RANGE,
                        "{'type':'monthly','daysOfMonth':[31,30],'times':['06:00'],'from':'2028-02-01','until':'2028-02-29'}",
                        "2026-11-01T00:00",
                        "the rule never fires after now: none of rule.daysOfMonth (30, 31) exists between rule.from "
                                + "(2028-02-01) and rule.until (2028-02-29)"),
                Arguments.of("every date excepted (daily)", RejectionCode.RULE_EVERY_DATE_EXCEPTED,
                        "{'type':'daily','times':['06:00'],'from':'2026-12-24','until':'2026-12-25',"
                                + "'except':['2026-12-25','2026-12-24']}",
                        "2026-11-01T00:00",
                        "the rule never fires after now: every date between rule.from (2026-12-24) and rule.until "
                                + "(2026-12-25) is in rule.except"),
                Arguments.of("every date excepted (weekly)", RejectionCode.RULE_EVERY_MATCHING_DATE_EXCEPTED,
                        "{'type':'weekly','days':['FRI'],'times':['06:00'],'from':'2026-12-20','until':'2027-01-06',"
                                + "'except':['2026-12-25','2027-01-01']}",
                        "2026-11-01T00:00",
                        "the rule never fires after now: every date matching rule.days (FRI) between rule.from "
                                + "(2026-12-20) and rule.until (2027-01-06) is in rule.except"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neverFiring")
    void ruleThatNeverFiresAfterNowIsInvalid(String name, RejectionCode code, String json, String now,
            String expectedMessage) {
        ScheduleRule rule = rule(json);

        assertThatThrownBy(() -> RuleValidator.requireFiresAfter(rule, local(now)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code))
                .hasMessage(expectedMessage);
    }

    @Test
    void instantsAreSentToTheSecondWithoutFractions() {
        ScheduleRule rule = rule("{'type':'once','at':'2026-11-01T17:00:00+07:00'}");
        Instant now = Instant.parse("2026-12-07T04:56:25.371506461Z");

        assertThatThrownBy(() -> RuleValidator.requireFiresAfter(rule, now))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.first().jsonParams()).isEqualTo(Map.of(
                        "at", "2026-11-01T17:00:00+07:00", "now", "2026-12-07T11:56:25+07:00")))
                .hasMessage("the rule never fires after now: rule.at (2026-11-01T17:00:00+07:00) is not after now "
                        + "(2026-12-07T11:56:25+07:00)");
    }

    @Test
    void recurringRulesSendTheirDaysAsAList() {
        ScheduleRule rule = rule("{'type':'weekly','days':['SAT','SUN'],'times':['06:00'],'from':'2026-12-01',"
                + "'until':'2026-12-04'}");

        assertThatThrownBy(() -> RuleValidator.requireFiresAfter(rule, local("2026-11-01T00:00")))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.first().jsonParams()).isEqualTo(Map.of(
                        "days", List.of("SAT", "SUN"), "from", "2026-12-01", "until", "2026-12-04")));
    }

    static Stream<Arguments> firing() {
        return Stream.of(
                Arguments.of("{'type':'once','at':'2026-12-01T17:00:00+07:00'}", "2026-12-01T16:59"),
                Arguments.of("{'type':'daily','times':['06:00'],'from':'2020-01-01'}", "2026-12-01T07:00"),
                Arguments.of("{'type':'daily','times':['05:30','18:00'],'from':'2026-11-01','until':'2026-12-01'}",
                        "2026-12-01T07:00"),
                Arguments.of("{'type':'weekly','days':['FRI'],'times':['06:00'],'from':'2026-12-01','until':'2026-12-04'}",
                        "2026-11-01T00:00"),
                Arguments.of("{'type':'monthly','daysOfMonth':[-1],'times':['06:00'],'from':'2027-02-01',"
                        + "'until':'2027-02-28'}", "2026-11-01T00:00"),
                Arguments.of("{'type':'daily','times':['06:00'],'from':'2026-12-24','until':'2026-12-26',"
                        + "'except':['2026-12-25','2026-12-24']}", "2026-11-01T00:00"));
    }

    @ParameterizedTest
    @MethodSource("firing")
    void ruleThatFiresAgainIsAccepted(String json, String now) {
        ScheduleRule rule = rule(json);

        assertThatCode(() -> RuleValidator.requireFiresAfter(rule, local(now))).doesNotThrowAnyException();
    }
}
