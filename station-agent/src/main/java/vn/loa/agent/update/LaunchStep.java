package vn.loa.agent.update;

import java.time.Instant;

/** What the launcher does next ({@link LauncherDecision}). */
public sealed interface LaunchStep {

    /**
     * Start the agent from {@code version}'s jar (null: the packaged jar); with a {@code trialDeadline}, kill it
     * and revert when it has not marked itself good by then.
     */
    record Run(String version, Instant trialDeadline) implements LaunchStep {
    }

    /** Point {@code current} back to {@code to} (null: the packaged jar), mark {@code from} bad, and say why. */
    record Revert(String from, String to, RevertReason reason) implements LaunchStep {
    }
}
