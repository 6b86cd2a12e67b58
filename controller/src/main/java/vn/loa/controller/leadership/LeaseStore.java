package vn.loa.controller.leadership;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;
import vn.loa.controller.storage.Jdbc;

/**
 * The lease row ({@code leader_lease}, one row, id 1) read and changed by compare-and-set: a take-over
 * succeeds only if the generation is still the one read, a renewal only if the row is still this node's
 * at its generation. Times are the database's ({@code CURRENT_TIMESTAMP}), so the nodes' clocks need not agree.
 */
public final class LeaseStore {
    private final Jdbc jdbc;
    /** The row exists (made by this node or another): the insert is not tried again. */
    private volatile boolean rowMade;

    public LeaseStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The row and the database's clock, read together. */
    public record Reading(Lease lease, Instant now) {
    }

    public Reading read() {
        if (!rowMade) {
            jdbc.update("INSERT INTO leader_lease (id, holder, agent_address, generation, expires_at) "
                    + "VALUES (1, '', '', 0, ?) ON CONFLICT DO NOTHING", Lease.vacant().expiresAt());
            rowMade = true;
        }
        return jdbc.queryOne("SELECT holder, agent_address, generation, expires_at, CURRENT_TIMESTAMP AS db_now "
                        + "FROM leader_lease WHERE id = 1",
                rs -> new Reading(new Lease(rs.getString("holder"), rs.getString("agent_address"),
                        rs.getLong("generation"), Jdbc.instant(rs, "expires_at")), Jdbc.instant(rs, "db_now")))
                .orElseThrow(() -> new IllegalStateException("the leader_lease row vanished right after it was made"));
    }

    /** True when this node now holds the lease under {@code d.generation()}. */
    public boolean takeOver(String self, String agentAddress, LeaseDecision.TakeOver d) {
        return jdbc.update("UPDATE leader_lease SET holder = ?, agent_address = ?, generation = ?, expires_at = ? "
                + "WHERE id = 1 AND generation = ?", self, agentAddress, d.generation(), d.expiresAt(),
                d.expectedGeneration()) == 1;
    }

    /** True when the row was still this node's at this generation and now lasts longer. */
    public boolean renew(String self, LeaseDecision.Renew d) {
        return jdbc.update("UPDATE leader_lease SET expires_at = ? WHERE id = 1 AND holder = ? AND generation = ?",
                d.expiresAt(), self, d.generation()) == 1;
    }

    /** A leader that stops hands its lease back: it expires now, so a standby takes over at its next tick. */
    public void release(String self, long generation) {
        jdbc.update("UPDATE leader_lease SET expires_at = ? WHERE id = 1 AND holder = ? AND generation = ?",
                Lease.vacant().expiresAt(), self, generation);
    }

    /**
     * The fence, inside a write's transaction: locks the lease row until the transaction ends (a take-over
     * waits for it) and throws {@link FencedOut} unless {@link Fencing#decide} passes {@code token}, the
     * writer's generation (empty: it does not lead, and nothing is read).
     */
    public static void check(Connection c, OptionalLong token) throws SQLException {
        if (token.isEmpty()) {
            throw new FencedOut(Fencing.NOT_LEADING, token, OptionalLong.empty());
        }
        OptionalLong current = Jdbc.query(c, "SELECT generation FROM leader_lease WHERE id = 1 FOR UPDATE",
                rs -> rs.getLong(1)).stream().mapToLong(Long::longValue).findFirst();
        Fencing verdict = Fencing.decide(token, current);
        if (verdict != Fencing.PASS) {
            throw new FencedOut(verdict, token, current);
        }
    }
}
