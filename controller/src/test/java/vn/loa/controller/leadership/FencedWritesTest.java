package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.command.CommandRepository;
import vn.loa.controller.command.CommandState;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.health.HealthSampleWriter;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * The leader's writes beyond the announcements — health roll-ups, command results and deadlines, the
 * expiry of sessions and tokens — are refused under a stale generation and go through under the current
 * one. H2 here; {@link FencedWritesPostgresTest} on PostgreSQL.
 */
@Timeout(60)
class FencedWritesTest extends DatabaseTestBase {
    private static final Instant HOUR = Instant.parse("2026-12-07T02:00:00Z");

    private final Fence stale = c -> LeaseStore.check(c, OptionalLong.of(1));
    private final Fence current = c -> LeaseStore.check(c, OptionalLong.of(2));
    private final Fence standby = c -> LeaseStore.check(c, OptionalLong.empty());

    @BeforeEach
    void leaseTakenOver() {
        jdbc.update("DELETE FROM leader_lease");
        // node a led under generation 1, node b took over: the lease is at 2
        jdbc.update("INSERT INTO leader_lease (id, holder, agent_address, generation, expires_at) "
                + "VALUES (1, 'b', 'b:7070', 2, ?)", Instant.now().plusSeconds(60));
    }

    @Test
    void aStaleLeadersHealthRollUpIsRefusedAndWritesNothing() {
        HealthRepository health = new HealthRepository(jdbc, new HealthSampleWriter(jdbc));
        Instant before = health.rolledUntil().orElse(null);
        health.fenceWith(stale);
        assertThatThrownBy(() -> health.rollUpHour(HOUR)).isInstanceOf(FencedOut.class)
                .hasMessageContaining("generation 1").hasMessageContaining("generation 2")
                .satisfies(e -> assertThat(((FencedOut) e).verdict()).isEqualTo(Fencing.TAKEN_OVER));
        assertThatThrownBy(() -> health.purge(HOUR, HOUR)).isInstanceOf(FencedOut.class);
        assertThat(health.rolledUntil().orElse(null)).isEqualTo(before);

        health.fenceWith(current);
        health.rollUpHour(HOUR);
        assertThat(health.rolledUntil()).hasValue(HOUR.plusSeconds(3600));
    }

    @Test
    void aStaleLeadersCommandResultIsRefused() {
        CommandRepository commands = new CommandRepository(jdbc);
        commands.fenceWith(stale);
        assertThatThrownBy(() -> commandUpdate(commands)).isInstanceOf(FencedOut.class);
        commands.fenceWith(standby);
        assertThatThrownBy(() -> commandUpdate(commands)).isInstanceOf(FencedOut.class)
                .satisfies(e -> assertThat(((FencedOut) e).verdict()).isEqualTo(Fencing.NOT_LEADING));
        commands.fenceWith(current);
        assertThat(commandUpdate(commands)).as("no such command: nothing to move on, but not refused").isFalse();
    }

    private static boolean commandUpdate(CommandRepository commands) {
        return vn.loa.controller.command.CommandRepositoryAccess.update(commands, 12345, CommandState.SUCCEEDED, "ok",
                Instant.now());
    }

    @Test
    void aStaleLeadersExpiryOfSessionsAndTokensIsRefused() {
        AccountRepository accounts = new AccountRepository(jdbc);
        accounts.fenceWith(stale);
        assertThatThrownBy(() -> accounts.deleteExpiredSessions(Instant.now())).isInstanceOf(FencedOut.class);
        assertThatThrownBy(() -> accounts.deleteExpiredTokens(Instant.now())).isInstanceOf(FencedOut.class);
        accounts.fenceWith(current);
        accounts.deleteExpiredSessions(Instant.now());
        accounts.deleteExpiredTokens(Instant.now());
    }
}
