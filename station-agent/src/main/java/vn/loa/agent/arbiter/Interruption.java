package vn.loa.agent.arbiter;

/** A stream must stop now: why, and what becomes of it. */
public record Interruption(Cause cause, Aftermath aftermath) {
}
