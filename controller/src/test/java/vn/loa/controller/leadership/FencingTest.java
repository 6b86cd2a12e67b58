package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fencing decision, table by table: the writer's generation × the lease row's. */
class FencingTest {
    static Stream<Arguments> cases() {
        OptionalLong none = OptionalLong.empty();
        return Stream.of(
                Arguments.of("leads under the current generation", OptionalLong.of(3), OptionalLong.of(3), Fencing.PASS),
                Arguments.of("paused, another node took over", OptionalLong.of(3), OptionalLong.of(4), Fencing.TAKEN_OVER),
                Arguments.of("taken over many times", OptionalLong.of(1), OptionalLong.of(9), Fencing.TAKEN_OVER),
                Arguments.of("a row older than the token (restored backup)", OptionalLong.of(5), OptionalLong.of(4),
                        Fencing.TAKEN_OVER),
                Arguments.of("never led or stepped down", none, OptionalLong.of(2), Fencing.NOT_LEADING),
                Arguments.of("not leading, no row", none, none, Fencing.NOT_LEADING),
                Arguments.of("a token but no lease row", OptionalLong.of(1), none, Fencing.NO_LEASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String situation, OptionalLong token, OptionalLong current, Fencing expected) {
        assertThat(Fencing.decide(token, current)).isEqualTo(expected);
    }
}
