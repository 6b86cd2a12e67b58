package vn.loa.controller.rollout;

import java.time.Instant;

/**
 * A rollout was paused: by a person ({@code byItself} false, {@code detail} "paused by <who>") or by itself when too
 * many stations failed. Told to the {@link RolloutService}'s pause listeners (webhooks).
 */
public record RolloutPaused(long rolloutId, long releaseId, String version, boolean byItself, String detail,
        Instant at) {

    /** Told of each pause, on the thread that paused it (a request's, or the rollouts job's). */
    @FunctionalInterface
    public interface Listener {
        void paused(RolloutPaused paused);
    }
}
