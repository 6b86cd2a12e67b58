package vn.loa.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LauncherDecisionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final Instant EARLIER = NOW.minusSeconds(1);
    private static final Trial B_ON_TRIAL = new Trial("B", "A", LATER);
    private static final Trial B_TRIAL_OVER = new Trial("B", "A", EARLIER);
    private static final Trial B_FIRST = new Trial("B", null, LATER);

    static Stream<Arguments> beforeStart() {
        return Stream.of(
                // nothing installed: the packaged jar
                Arguments.of(new ReleaseState(null, false, false, null), new LaunchStep.Run(null, null)),
                // a release that passed its trial long ago
                Arguments.of(new ReleaseState("A", true, true, null), new LaunchStep.Run("A", null)),
                // a release installed by hand (never on trial): trusted as it is
                Arguments.of(new ReleaseState("A", true, false, null), new LaunchStep.Run("A", null)),
                // on trial, in time: run with the deadline
                Arguments.of(new ReleaseState("B", true, false, B_ON_TRIAL), new LaunchStep.Run("B", LATER)),
                // on trial and good already (the trial file was left by a power cut): plain run
                Arguments.of(new ReleaseState("B", true, true, B_ON_TRIAL), new LaunchStep.Run("B", null)),
                // the trial ran out while the launcher was down: back to A
                Arguments.of(new ReleaseState("B", true, false, B_TRIAL_OVER),
                        new LaunchStep.Revert("B", "A", RevertReason.TRIAL_TIMEOUT)),
                // the first release ever, out of time: back to the packaged jar
                Arguments.of(new ReleaseState("B", true, false, new Trial("B", null, EARLIER)),
                        new LaunchStep.Revert("B", null, RevertReason.TRIAL_TIMEOUT)),
                // a trial file for another release (a stale one) does not make A a trial
                Arguments.of(new ReleaseState("A", true, false, B_ON_TRIAL), new LaunchStep.Run("A", null)),
                // the jar is gone: back to what the trial names, else the packaged jar
                Arguments.of(new ReleaseState("B", false, false, B_ON_TRIAL),
                        new LaunchStep.Revert("B", "A", RevertReason.JAR_MISSING)),
                Arguments.of(new ReleaseState("A", false, true, null),
                        new LaunchStep.Revert("A", null, RevertReason.JAR_MISSING)));
    }

    @ParameterizedTest
    @MethodSource
    void beforeStart(ReleaseState state, LaunchStep expected) {
        assertThat(LauncherDecision.beforeStart(state, NOW)).isEqualTo(expected);
    }

    static Stream<Arguments> afterExit() {
        return Stream.of(
                // a good release ended (crash, restart): start it again
                Arguments.of(new ReleaseState("A", true, true, null), "A", false, new LaunchStep.Run("A", null)),
                Arguments.of(new ReleaseState(null, false, false, null), null, false, new LaunchStep.Run(null, null)),
                // A ended because it made B current on trial: start B on trial, do not revert it
                Arguments.of(new ReleaseState("B", true, false, B_ON_TRIAL), "A", false, new LaunchStep.Run("B", LATER)),
                Arguments.of(new ReleaseState("B", true, false, B_FIRST), null, false, new LaunchStep.Run("B", LATER)),
                // B itself ended while on trial: revert, saying which way it failed
                Arguments.of(new ReleaseState("B", true, false, B_ON_TRIAL), "B", false,
                        new LaunchStep.Revert("B", "A", RevertReason.EXITED_DURING_TRIAL)),
                Arguments.of(new ReleaseState("B", true, false, B_ON_TRIAL), "B", true,
                        new LaunchStep.Revert("B", "A", RevertReason.TRIAL_TIMEOUT)),
                Arguments.of(new ReleaseState("B", true, false, B_FIRST), "B", false,
                        new LaunchStep.Revert("B", null, RevertReason.EXITED_DURING_TRIAL)),
                // it marked itself good, then ended: it stays
                Arguments.of(new ReleaseState("B", true, true, B_ON_TRIAL), "B", false, new LaunchStep.Run("B", null)));
    }

    @ParameterizedTest
    @MethodSource
    void afterExit(ReleaseState state, String ran, boolean trialExpired, LaunchStep expected) {
        assertThat(LauncherDecision.afterExit(state, ran, trialExpired, NOW)).isEqualTo(expected);
    }
}
