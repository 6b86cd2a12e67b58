package vn.loa.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.rollout.StationUpdate.State.FAILED;
import static vn.loa.controller.rollout.StationUpdate.State.OFFERED;
import static vn.loa.controller.rollout.StationUpdate.State.UPDATED;
import static vn.loa.controller.rollout.StationUpdate.State.WAITING;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.rollout.RolloutStep.Outcome;

class RolloutDecisionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant RECENT = NOW.minusSeconds(60);
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(3));
    private static final RolloutPolicy POLICY = new RolloutPolicy(1, List.of(50, 100), 0.25, Duration.ofMinutes(5),
            Duration.ofHours(2));

    private static StationUpdate s(long id, int wave, StationUpdate.State state) {
        return new StationUpdate(id, wave, state, true, state == WAITING ? null : RECENT);
    }

    private static StationUpdate offline(long id, int wave, StationUpdate.State state) {
        return new StationUpdate(id, wave, state, false, state == WAITING ? null : RECENT);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("start: the canary only",
                        List.of(s(1, 0, WAITING), s(2, 1, WAITING), s(3, 1, WAITING), s(4, 2, WAITING)),
                        List.of(1L), List.of(), Outcome.CONTINUE),
                Arguments.of("canary on trial: wait",
                        List.of(s(1, 0, OFFERED), s(2, 1, WAITING), s(3, 2, WAITING)),
                        List.of(), List.of(), Outcome.CONTINUE),
                Arguments.of("canary updated: the first wave",
                        List.of(s(1, 0, UPDATED), s(2, 1, WAITING), s(3, 1, WAITING), s(4, 2, WAITING)),
                        List.of(2L, 3L), List.of(), Outcome.CONTINUE),
                Arguments.of("canary failed: pause, nothing offered",
                        List.of(s(1, 0, FAILED), s(2, 1, WAITING), s(3, 2, WAITING)),
                        List.of(), List.of(), Outcome.PAUSE_FAILURES),
                Arguments.of("canary past its timeout: failed, pause",
                        List.of(new StationUpdate(1, 0, OFFERED, true, LONG_AGO), s(2, 1, WAITING)),
                        List.of(), List.of(1L), Outcome.PAUSE_FAILURES),
                Arguments.of("an offline canary holds the rollout",
                        List.of(offline(1, 0, WAITING), s(2, 1, WAITING), s(3, 2, WAITING)),
                        List.of(), List.of(), Outcome.CONTINUE),
                Arguments.of("one failure in five offered is within 25 %: the next wave",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, UPDATED), s(4, 1, UPDATED),
                                s(5, 1, FAILED), s(6, 2, WAITING)),
                        List.of(6L), List.of(), Outcome.CONTINUE),
                Arguments.of("two failures in five is over 25 %: pause",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, UPDATED), s(4, 1, FAILED),
                                s(5, 1, FAILED), s(6, 2, WAITING)),
                        List.of(), List.of(), Outcome.PAUSE_FAILURES),
                Arguments.of("a wave still on trial holds the next one",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, OFFERED), s(4, 2, WAITING)),
                        List.of(), List.of(), Outcome.CONTINUE),
                Arguments.of("an offline station does not hold the next wave; it is offered once online",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), offline(3, 1, WAITING), s(4, 2, WAITING)),
                        List.of(4L), List.of(), Outcome.CONTINUE),
                Arguments.of("the late station comes online",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, WAITING), s(4, 2, UPDATED)),
                        List.of(3L), List.of(), Outcome.CONTINUE),
                Arguments.of("everything finished: complete",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, UPDATED), s(4, 2, UPDATED)),
                        List.of(), List.of(), Outcome.COMPLETE),
                Arguments.of("finished with failures within the share: complete",
                        List.of(s(1, 0, UPDATED), s(2, 1, UPDATED), s(3, 1, UPDATED), s(4, 2, UPDATED),
                                s(5, 2, FAILED)),
                        List.of(), List.of(), Outcome.COMPLETE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void next(String why, List<StationUpdate> stations, List<Long> offer, List<Long> timedOut, Outcome outcome) {
        assertThat(RolloutDecision.next(stations, POLICY, NOW)).isEqualTo(new RolloutStep(offer, timedOut, outcome));
    }

    @Test
    void wavesAreTheCanaryThenCumulativePercentages() {
        List<Long> ids = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(Waves.split(ids, POLICY)).containsExactly(List.of(1L), List.of(2L, 3L, 4L, 5L),
                List.of(6L, 7L, 8L, 9L));
        assertThat(Waves.split(List.of(1L, 2L), POLICY)).containsExactly(List.of(1L), List.of(2L));
        assertThat(Waves.split(List.of(1L), POLICY)).containsExactly(List.of(1L));
        assertThat(Waves.split(ids, new RolloutPolicy(0, List.of(), 0, Duration.ofMinutes(1), Duration.ofMinutes(2))))
                .containsExactly(ids);
    }
}
