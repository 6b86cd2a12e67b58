package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.rejection.RejectionCode;

/** When an announcement may start, as coded problems: times to the second in Vietnam's time, never nanoseconds. */
class AnnouncementStartProblemTest {
    private static final Instant NOW = Instant.parse("2026-12-07T04:56:25.371506461Z");

    static Stream<Arguments> starts() {
        return Stream.of(
                Arguments.of("now", null, null, Map.of()),
                Arguments.of("just now (within the second)", NOW.minusMillis(900), null, Map.of()),
                Arguments.of("soon", NOW.plusSeconds(60), null, Map.of()),
                Arguments.of("seven days ahead", NOW.plus(Duration.ofDays(7)), null, Map.of()),
                Arguments.of("past", NOW.minusSeconds(3600), RejectionCode.IN_THE_PAST,
                        Map.of("field", "startAt", "value", "2026-12-07T10:56:25+07:00")),
                Arguments.of("eight days ahead", NOW.plus(Duration.ofDays(8)), RejectionCode.TOO_FAR_AHEAD,
                        Map.of("field", "startAt", "value", "2026-12-15T11:56:25+07:00", "days", 7L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aStartIsCheckedAgainstNow(String what, Instant startAt, RejectionCode code, Map<String, Object> params) {
        var problem = AnnouncementPreparer.startProblem(startAt == null ? null : startAt, NOW);
        if (code == null) {
            assertThat(problem).as(what).isEmpty();
            return;
        }
        assertThat(problem).as(what).hasValueSatisfying(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.jsonParams()).isEqualTo(params);
            assertThat(p.code().status()).isEqualTo(400);
            assertThat(p.english()).doesNotContainPattern(":\\d{2}\\.\\d");
        });
    }
}
