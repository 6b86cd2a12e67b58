package vn.loa.controller.rollout;

import java.util.List;

/**
 * What a rollout does now ({@link RolloutDecision}): offer the release to some stations, count some as failed
 * (timed out), and possibly pause or complete.
 */
public record RolloutStep(List<Long> offer, List<Long> timedOut, Outcome outcome) {

    /** The rollout's state after this step. */
    public enum Outcome {
        /** Keep going (or waiting). */
        CONTINUE,
        /** Too many failures: paused until an admin resumes or aborts it. */
        PAUSE_FAILURES,
        /** Every station finished. */
        COMPLETE
    }

    public RolloutStep {
        offer = List.copyOf(offer);
        timedOut = List.copyOf(timedOut);
    }

    static RolloutStep idle() {
        return new RolloutStep(List.of(), List.of(), Outcome.CONTINUE);
    }
}
