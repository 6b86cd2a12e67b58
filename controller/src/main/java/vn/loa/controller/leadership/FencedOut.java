package vn.loa.controller.leadership;

import java.util.OptionalLong;

/** A write only the leader may make, refused by the fence ({@link Fencing}): this node does not lead any more. */
public final class FencedOut extends RuntimeException {
    private final Fencing verdict;

    public FencedOut(Fencing verdict, OptionalLong token, OptionalLong current) {
        super(switch (verdict) {
            case NOT_LEADING -> "write refused: this node does not lead (the lease is at generation "
                    + (current.isPresent() ? current.getAsLong() : "-") + ")";
            case TAKEN_OVER -> "write refused: this node's leadership (generation " + token.getAsLong()
                    + ") was taken over (the lease is at generation " + current.getAsLong() + ")";
            case NO_LEASE -> "write refused: there is no lease row, nobody leads";
            case PASS -> throw new IllegalArgumentException("a write that passed the fence is not fenced out");
        });
        this.verdict = verdict;
    }


    public Fencing verdict() {
        return verdict;
    }
}
