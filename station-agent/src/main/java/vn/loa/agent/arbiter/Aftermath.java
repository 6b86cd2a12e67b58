package vn.loa.agent.arbiter;

/** What becomes of a stream that was interrupted. */
public enum Aftermath {
    /** Goes on later from the sample where it stopped (plan item {@code on_preempt = RESUME}; a recorded announcement cut by a scheduled item). */
    RESUME,
    /** Played again from its start later (plan item {@code on_preempt = RESTART}). */
    RESTART,
    /** Nothing more is played; the rest is reported SKIPPED (plan item {@code on_preempt = SKIP}). */
    SKIP_REST,
    /** A live announcement keeps receiving and goes on later at its live edge. */
    LIVE_EDGE,
    /** A recorded announcement interrupted by another announcement: over on this station. */
    OVER,
    /** An announcement stopped by its sender. */
    CANCELLED
}
