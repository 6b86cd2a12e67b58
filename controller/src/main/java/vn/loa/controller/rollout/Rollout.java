package vn.loa.controller.rollout;

import java.time.Instant;

/** One rollout of an approved release: its policy, its state, who started it and the last word on it. */
public record Rollout(long id, long releaseId, State state, RolloutPolicy policy, long createdBy, Instant createdAt,
        String detail) {

    /** Where a rollout stands; only RUNNING ones are driven by the leader's job. */
    public enum State {
        RUNNING, PAUSED, ABORTED, COMPLETED
    }
}
