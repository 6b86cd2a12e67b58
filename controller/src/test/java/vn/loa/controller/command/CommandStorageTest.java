package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;

/** Remote commands as stored, against a real database (H2 here, PostgreSQL in {@link CommandStoragePostgresTest}). */
@Timeout(60)
class CommandStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00.000001Z");

    @Test
    void aCommandMovesOnUntilAFinalStateAndKeepsItsResult() {
        CommandRepository commands = new CommandRepository(jdbc);
        long station = 9_000;
        long id = commands.insert(station, CommandType.SET_VOLUME, "{\"percent\":70}", "kỹ_thuật", T0, T0.plusSeconds(30));
        long other = commands.insert(station, CommandType.FETCH_LOG, "{}", null, T0.plusSeconds(1), T0.plusSeconds(31));

        assertThat(commands.unfinished()).extracting(StationCommand::id).containsSubsequence(id, other);
        assertThat(commands.update(id, CommandState.RUNNING, "đang chạy", null, T0.plusSeconds(2))).isTrue();
        assertThat(commands.update(id, CommandState.SUCCEEDED, "xong", "{\"volume\":70}", T0.plusSeconds(3))).isTrue();
        assertThat(commands.update(id, CommandState.TIMED_OUT, "late", null, T0.plusSeconds(40))).as("final").isFalse();
        assertThat(commands.update(other, CommandState.LINK_LOST, "x".repeat(1_500), null, T0.plusSeconds(5))).isTrue();

        StationCommand done = commands.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(done.message()).isEqualTo("xong");
        assertThat(done.resultJson()).isEqualTo("{\"volume\":70}");
        assertThat(done.requestedBy()).isEqualTo("kỹ_thuật");
        assertThat(done.requestedAt()).isEqualTo(T0);
        assertThat(done.deadlineAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(commands.find(other).orElseThrow().message()).hasSize(1_000);
        assertThat(commands.ofStation(station, 1)).extracting(StationCommand::id).containsExactly(other);
        assertThat(commands.ofStation(station, 10)).extracting(StationCommand::id).containsExactly(other, id);
        assertThat(commands.unfinished()).extracting(StationCommand::id).doesNotContain(id, other);
    }
}
