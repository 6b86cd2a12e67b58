package vn.loa.controller.leadership;

import java.util.OptionalLong;

/**
 * The fencing decision, pure: a write only the leader may make passes when the writer leads under the
 * lease's current generation. Asked inside the write's transaction ({@link LeaseStore#check}), with the
 * lease row locked.
 */
public enum Fencing {
    /** The writer leads under the lease's generation: the write goes on. */
    PASS,
    /** The writer does not lead (it never took the lease over, or stepped down). */
    NOT_LEADING,
    /** Another node took the lease over since: the writer's generation is not the lease's any more. */
    TAKEN_OVER,
    /** There is no lease row: nobody ever led on this database. */
    NO_LEASE;

    /**
     * @param token   the writer's generation, empty when it does not lead
     * @param current the lease row's generation, empty when there is no row
     */
    public static Fencing decide(OptionalLong token, OptionalLong current) {
        if (token.isEmpty()) {
            return NOT_LEADING;
        }
        if (current.isEmpty()) {
            return NO_LEASE;
        }
        return token.getAsLong() == current.getAsLong() ? PASS : TAKEN_OVER;
    }
}
