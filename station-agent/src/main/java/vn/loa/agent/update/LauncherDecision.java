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
     * After the agent's process ended ({@code trialExpired}: the launcher ended it because its trial ran out);
     * empty {@link LaunchStep.Run} values mean "start again as {@link #beforeStart} says".
     */
    public static LaunchStep afterExit(ReleaseState s, boolean trialExpired, Instant now) {
        if (s.onTrial()) {
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
