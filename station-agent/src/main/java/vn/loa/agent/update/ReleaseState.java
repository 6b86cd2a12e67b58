package vn.loa.agent.update;

/**
 * What the launcher reads from {@code <data>/releases/} before it decides: the release {@code current} names
 * (null: none, the packaged jar runs), whether its jar is there, whether it was marked good, and the trial in
 * progress (null when none).
 */
public record ReleaseState(String current, boolean currentJarPresent, boolean currentGood, Trial trial) {

    /** True when {@code current} is the release on trial and has not yet been marked good. */
    public boolean onTrial() {
        return current != null && trial != null && current.equals(trial.version()) && !currentGood;
    }
}
