package vn.loa.controller.leadership;

import java.time.Instant;

/** What a node does at one tick of its leadership loop: the answer of {@link LeasePolicy}. */
public sealed interface LeaseDecision {
    /** Nobody holds a live lease: take it over with the next generation (compare-and-set on the old one). */
    record TakeOver(long expectedGeneration, long generation, Instant expiresAt) implements LeaseDecision {
    }

    /** This node leads and still holds the row: push the expiry on. */
    record Renew(long generation, Instant expiresAt) implements LeaseDecision {
    }

    /** Another node leads (or may still lead): stay standby; {@code leader} may be empty when unknown. */
    record StandBy(Lease leader) implements LeaseDecision {
    }

    /** This node led and must stop at once: every leader job is stopped before anything else. */
    record StepDown(Cause cause) implements LeaseDecision {
    }

    /** Why a leader stepped down. */
    enum Cause {
        /** Another node took the lease over (this node was paused, or could not renew in time). */
        LEASE_TAKEN,
        /** The lease ran out before this node renewed it. */
        LEASE_EXPIRED,
        /** The database did not answer and the lease ran out by this node's clock. */
        DATABASE_UNREACHABLE
    }
}
