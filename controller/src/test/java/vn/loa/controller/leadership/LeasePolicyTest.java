package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.loa.testsupport.FakeClock;

class LeasePolicyTest {
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final LeasePolicy POLICY = new LeasePolicy(TTL);
    private static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
    private static final Instant NOW = CLOCK.instant();
    private static final String ME = "node-a";

    private static Lease held(String holder, long generation, Duration expiresIn) {
        return new Lease(holder, holder + ":7070", generation, NOW.plus(expiresIn));
    }

    private static Optional<Term> leading(long generation) {
        return Optional.of(new Term(generation, NOW.plus(Duration.ofSeconds(5))));
    }

    static Stream<Arguments> table() {
        Instant until = NOW.plus(TTL);
        Lease other = held("node-b", 4, Duration.ofSeconds(3));
        return Stream.of(
                // row, my term → decision
                Arguments.of("vacant row: take over generation 1", Lease.vacant(), Optional.empty(),
                        new LeaseDecision.TakeOver(0, 1, until)),
                Arguments.of("another node's live lease: stand by", other, Optional.empty(),
                        new LeaseDecision.StandBy(other)),
                Arguments.of("another node's lease just expired: take over the next generation",
                        held("node-b", 4, Duration.ZERO), Optional.empty(), new LeaseDecision.TakeOver(4, 5, until)),
                Arguments.of("another node's lease long expired", held("node-b", 4, Duration.ofSeconds(-60)),
                        Optional.empty(), new LeaseDecision.TakeOver(4, 5, until)),
                Arguments.of("my own row from before a restart: take over at once", held(ME, 7, Duration.ofSeconds(4)),
                        Optional.empty(), new LeaseDecision.TakeOver(7, 8, until)),
                Arguments.of("I lead and hold the row: renew", held(ME, 3, Duration.ofSeconds(2)), leading(3),
                        new LeaseDecision.Renew(3, until)),
                Arguments.of("I lead but another node took the row over: step down", held("node-b", 4, Duration.ofSeconds(5)),
                        leading(3), new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_TAKEN)),
                Arguments.of("my id at a newer generation (a second process with my id): step down",
                        held(ME, 4, Duration.ofSeconds(5)), leading(3),
                        new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_TAKEN)),
                Arguments.of("I lead but was paused past my lease: step down", held(ME, 3, Duration.ofSeconds(-1)),
                        leading(3), new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_EXPIRED)),
                Arguments.of("I lead and the lease expires this very instant: step down", held(ME, 3, Duration.ZERO),
                        leading(3), new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_EXPIRED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String why, Lease row, Optional<Term> term, LeaseDecision expected) {
        assertThat(POLICY.decide(row, ME, term, NOW)).as(why).isEqualTo(expected);
    }

    @Test
    void aLeaderCutOffFromTheDatabaseStopsWhenItsTermEndsByItsOwnClock() {
        FakeClock clock = new FakeClock(NOW);
        Optional<Term> term = Optional.of(new Term(2, POLICY.termUntil(clock.instant())));
        assertThat(POLICY.unreachable(term, clock.instant())).isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(POLICY.unreachable(term, clock.instant())).isEmpty();
        clock.advance(Duration.ofSeconds(1)); // 5 s: the lease less a sixth
        assertThat(POLICY.unreachable(term, clock.instant()))
                .contains(new LeaseDecision.StepDown(LeaseDecision.Cause.DATABASE_UNREACHABLE));
        assertThat(POLICY.unreachable(Optional.empty(), clock.instant())).as("a standby has nothing to stop").isEmpty();
    }

    @Test
    void aTermEndsBeforeTheLeaseSoAStandbyNeverTakesOverWhileTheLeaderStillActs() {
        Instant sent = NOW;
        assertThat(POLICY.termUntil(sent)).isBefore(sent.plus(TTL)).isAfter(sent.plus(POLICY.tickEvery().multipliedBy(2)));
        assertThat(POLICY.tickEvery()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesALeaseOfNoLength() {
        assertThatThrownBy(() -> new LeasePolicy(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
