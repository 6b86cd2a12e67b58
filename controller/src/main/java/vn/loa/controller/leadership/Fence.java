package vn.loa.controller.leadership;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checked inside the transaction of a write that only the leader may make: passes when this node leads
 * under the lease's current generation, throws {@link FencedOut} otherwise. The row lock it takes makes
 * a take-over wait until the write is committed, so a paused old leader's write lands before the new
 * term or not at all.
 */
@FunctionalInterface
public interface Fence {
    /** One node on H2: nobody else can lead. */
    Fence NONE = c -> { };

    void check(Connection c) throws SQLException;
}
