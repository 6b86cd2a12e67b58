package vn.loa.agent.update;

import java.time.Instant;

/**
 * The launcher's decisions as pure functions of what is on disk and the time (docs/updates.md): which jar to
 * run, and when a release on trial is reverted. Table-driven tests cover every row.
 */
public final class LauncherDecision {

    private LauncherDecision() {
    }

    /** Before starting the agent. */
    public static LaunchStep beforeStart(ReleaseState s, Instant now) {
        if (s.current() == null) {
            return new LaunchStep.Run(null, null);
        }
        if (!s.currentJarPresent()) {
            return new LaunchStep.Revert(s.current(), previousOf(s), RevertReason.JAR_MISSING);
        }
        if (s.onTrial()) {
            if (!now.isBefore(s.trial().deadline())) {
                return new LaunchStep.Revert(s.current(), s.trial().previous(), RevertReason.TRIAL_TIMEOUT);
            }
            return new LaunchStep.Run(s.current(), s.trial().deadline());
        }
        return new LaunchStep.Run(s.current(), null);
    }

    /**
     * After the agent's process ended ({@code trialExpired}: the launcher ended it because its trial ran out).
     * {@code ran} is the release that process ran (null: the packaged jar): only the release on trial itself
     * ending is a failed trial — the previous version ends on purpose right after making the new one current.
     */
    public static LaunchStep afterExit(ReleaseState s, String ran, boolean trialExpired, Instant now) {
        if (s.onTrial() && s.current().equals(ran)) {
            return new LaunchStep.Revert(s.current(), s.trial().previous(),
                    trialExpired ? RevertReason.TRIAL_TIMEOUT : RevertReason.EXITED_DURING_TRIAL);
        }
        return beforeStart(s, now);
    }

    /** Where a missing release falls back to: the trial's previous one when it is that release's trial, else the packaged jar. */
    private static String previousOf(ReleaseState s) {
        return s.trial() != null && s.trial().version().equals(s.current()) ? s.trial().previous() : null;
    }
}
