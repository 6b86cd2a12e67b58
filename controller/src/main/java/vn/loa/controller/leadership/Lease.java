package vn.loa.controller.leadership;

import java.time.Instant;

/**
 * The one lease row of a controller cluster: who leads, under which generation (the fencing token,
 * incremented on each take-over), until when, and where that leader's agent port is.
 *
 * @param holder       the node id of the holder; empty when nobody ever held it
 * @param agentAddress the holder's agent address ({@code host:port}) the standby names to stations
 * @param generation   the fencing token: 0 before the first take-over
 * @param expiresAt    in the database's clock
 */
public record Lease(String holder, String agentAddress, long generation, Instant expiresAt) {
    public static Lease vacant() {
        return new Lease("", "", 0, Instant.EPOCH);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean heldBy(String node) {
        return holder.equals(node);
    }
}
