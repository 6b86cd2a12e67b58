package vn.loa.controller.leadership;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The leadership decision, pure: the lease row × this node's term × the time → take over, renew, stand
 * by or step down. A leader steps down as soon as the row is not its own any more, or its lease has run
 * out (it was paused longer than the lease), before it could act on a lease another node may hold.
 *
 * @param ttl how long a take-over or a renewal holds the lease (the standby waits this long at most)
 */
public record LeasePolicy(Duration ttl) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(6);

    public LeasePolicy {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lease must last a positive time, not " + ttl);
        }
    }

    public static LeasePolicy defaults() {
        return new LeasePolicy(DEFAULT_TTL);
    }

    /** How often the loop ticks: a third of the lease, so two renewals may fail before it runs out. */
    public Duration tickEvery() {
        return ttl.dividedBy(3);
    }

    /**
     * Until when a node may act on a take-over or renewal sent at {@code sent} (its own clock): the lease
     * less a sixth, so that it stops before a standby can take over even if its clock runs a little slow.
     */
    public Instant termUntil(Instant sent) {
        return sent.plus(ttl).minus(ttl.dividedBy(6));
    }

    /**
     * @param row  the lease row as read now
     * @param self this node's id
     * @param term this node's term if it leads
     * @param now  the database's clock, read with the row
     */
    public LeaseDecision decide(Lease row, String self, Optional<Term> term, Instant now) {
        Instant until = now.plus(ttl);
        if (term.isPresent()) {
            Term t = term.get();
            if (!row.heldBy(self) || row.generation() != t.generation()) {
                return new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_TAKEN);
            }
            if (row.expiredAt(now)) {
                return new LeaseDecision.StepDown(LeaseDecision.Cause.LEASE_EXPIRED);
            }
            return new LeaseDecision.Renew(t.generation(), until);
        }
        // a node that restarts under the same id takes its own row over at once: its old term died with it
        if (row.expiredAt(now) || row.heldBy(self)) {
            return new LeaseDecision.TakeOver(row.generation(), row.generation() + 1, until);
        }
        return new LeaseDecision.StandBy(row);
    }

    /** The database did not answer: a leader keeps acting only while its last renewal lasts. */
    public Optional<LeaseDecision> unreachable(Optional<Term> term, Instant localNow) {
        if (term.isPresent() && !localNow.isBefore(term.get().validUntil())) {
            return Optional.of(new LeaseDecision.StepDown(LeaseDecision.Cause.DATABASE_UNREACHABLE));
        }
        return Optional.empty();
    }
}
