package vn.loa.agent.update;

/** Why the launcher went back from a release to the one before it (reported to the controller as UpdateStatus REVERTED). */
public enum RevertReason {
    /** The release did not connect and pass its start-up self-test within its trial limit. */
    TRIAL_TIMEOUT,
    /** The release's process ended while it was still on trial. */
    EXITED_DURING_TRIAL,
    /** {@code current} names a release whose jar is not there. */
    JAR_MISSING
}
