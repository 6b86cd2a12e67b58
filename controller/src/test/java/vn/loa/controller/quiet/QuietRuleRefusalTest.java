package vn.loa.controller.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.protocol.quiet.QuietRule;

/** Each problem of a quiet rule (shared with the agent) becomes one coded refusal naming its field. */
class QuietRuleRefusalTest {
    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of(QuietRule.Problem.NAME_REQUIRED, RejectionCode.REQUIRED, Map.of("field", "name"),
                        "name: required"),
                Arguments.of(QuietRule.Problem.TIMES_REQUIRED, RejectionCode.REQUIRED, Map.of("field", "from, to"),
                        "from, to: required"),
                Arguments.of(QuietRule.Problem.EFFECT_REQUIRED, RejectionCode.REQUIRED, Map.of("field", "effect"),
                        "effect: required"),
                Arguments.of(QuietRule.Problem.GAIN_OUT_OF_RANGE, RejectionCode.OUT_OF_RANGE,
                        Map.of("field", "gainDb", "min", -40, "max", 0), "gainDb: must be from -40 to 0"),
                Arguments.of(QuietRule.Problem.OVERRIDE_REQUIRED, RejectionCode.REQUIRED,
                        Map.of("field", "overrideFrom"), "overrideFrom: required"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("problems")
    void aProblemIsACodedRefusal(QuietRule.Problem problem, RejectionCode code, Map<String, Object> params,
            String english) {
        var refusal = QuietRuleRefusal.of(problem);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.jsonParams()).isEqualTo(params);
        assertThat(refusal.english()).isEqualTo(english);
        assertThat(code.status()).isEqualTo(400);
    }

    @Test
    void everyProblemIsInTheTable() {
        assertThat(problems().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) QuietRule.Problem.values());
    }
}
