package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelayAlarmRuleTest {
    private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
    private static final RelayAlarmRule RULE = new RelayAlarmRule(Duration.ofSeconds(20));

    /** One look: the relay's state (since when, in seconds after T0) at a second after T0. */
    record Look(RelayState state, long sinceS, long atS) {
    }

    private static Look look(RelayState state, long sinceS, long atS) {
        return new Look(state, sinceS, atS);
    }

    /** A history of looks, and whether the alarm is up after each. */
    private static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("on air all along", List.of(look(RelayState.ON_AIR, 0, 0), look(RelayState.ON_AIR, 0, 30)),
                        List.of(false, false)),
                Arguments.of("never connects: up 20 s after the window began",
                        List.of(look(RelayState.CONNECTING, 0, 2), look(RelayState.RETRYING, 5, 19),
                                look(RelayState.CONNECTING, 19, 20), look(RelayState.RETRYING, 21, 40)),
                        List.of(false, false, true, true)),
                Arguments.of("retry after retry does not restart the count",
                        List.of(look(RelayState.ON_AIR, 0, 0), look(RelayState.RETRYING, 10, 12),
                                look(RelayState.CONNECTING, 15, 16), look(RelayState.RETRYING, 18, 29),
                                look(RelayState.CONNECTING, 29, 30)),
                        List.of(false, false, false, false, true)),
                Arguments.of("back on air ends it", List.of(look(RelayState.RETRYING, 0, 25), look(RelayState.ON_AIR, 26, 27),
                        look(RelayState.RETRYING, 28, 30)), List.of(true, false, false)),
                Arguments.of("the window ends: idle ends it", List.of(look(RelayState.RETRYING, 0, 25),
                        look(RelayState.IDLE, 26, 27)), List.of(true, false)),
                Arguments.of("playing the fallback is trouble too, and retrying in it does not restart the count",
                        List.of(look(RelayState.ON_AIR, 0, 0), look(RelayState.FALLBACK, 10, 12),
                                look(RelayState.FALLBACK, 20, 29), look(RelayState.FALLBACK, 30, 30),
                                look(RelayState.ON_AIR, 31, 32)),
                        List.of(false, false, false, true, false)),
                Arguments.of("idle is never trouble", List.of(look(RelayState.IDLE, 0, 0), look(RelayState.IDLE, 0, 600)),
                        List.of(false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void raisesAfterTwentySecondsOffAirInTheWindowAndEndsOnAirOrIdle(String name, List<Look> looks, List<Boolean> up) {
        RelayAlarmRule.Watch w = RelayAlarmRule.Watch.CALM;
        for (int i = 0; i < looks.size(); i++) {
            Look l = looks.get(i);
            RelayStatus s = new RelayStatus(l.state(), T0.plusSeconds(l.sinceS()), null, null, null,
                    l.state() == RelayState.RETRYING || l.state() == RelayState.FALLBACK ? "UPSTREAM_DEAD: no bytes for 5 s" : null, null);
            Instant now = T0.plusSeconds(l.atS());
            w = RULE.next(w, s, now);
            assertThat(RULE.alarm(w, s, now).isPresent()).as("look %d: %s", i, l).isEqualTo(up.get(i));
        }
    }

    @org.junit.jupiter.api.Test
    void theDetailSaysHowLongAndWhy() {
        RelayStatus s = new RelayStatus(RelayState.RETRYING, T0, null, null, null, "UPSTREAM_SILENT: 3 s below -50 dBFS", T0);
        RelayAlarmRule.Watch w = RULE.next(RelayAlarmRule.Watch.CALM, s, T0.plusSeconds(1));
        assertThat(RULE.alarm(w, s, T0.plusSeconds(21))).contains("off air for 21 s: UPSTREAM_SILENT: 3 s below -50 dBFS");
    }

    @org.junit.jupiter.api.Test
    void theDetailSaysTheFallbackPlays() {
        RelayStatus s = new RelayStatus(RelayState.FALLBACK, T0, null, 4L, null, "UPSTREAM_DEAD: the stream ended", T0);
        RelayAlarmRule.Watch w = RULE.next(RelayAlarmRule.Watch.CALM, s, T0.plusSeconds(1));
        assertThat(RULE.alarm(w, s, T0.plusSeconds(21))).contains(
                "upstream lost for 21 s, the fallback bulletin plays meanwhile: UPSTREAM_DEAD: the stream ended");
    }
}
