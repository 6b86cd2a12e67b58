package vn.loa.controller.leadership;

/** A write under a fencing token that is not the lease's any more: a newer leader took over. */
public final class FencedOut extends RuntimeException {
    public FencedOut(long token, long current) {
        super("write refused: this node's leadership (generation " + token + ") was taken over (the lease is at "
                + "generation " + current + ")");
    }
}
