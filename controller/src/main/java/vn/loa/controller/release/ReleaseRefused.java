package vn.loa.controller.release;

/** Why the release service refused an upload or an approval; {@link #detail} is for the person who asked. */
public final class ReleaseRefused extends Exception {
    /** The kinds of refusal (the web layer maps each to its rejection code). */
    public enum Reason {
        NOT_A_JAR, NO_MAIN_CLASS, VERSION_INVALID, VERSION_MISMATCH, VERSION_EXISTS, NOT_FOUND, OWN_UPLOAD, NOT_PENDING
    }

    private final Reason reason;
    private final String detail;
    private final AgentRelease release;

    public ReleaseRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** @param release the release it is about, when there is one (its version and state name it to the caller) */
    public ReleaseRefused(Reason reason, String detail, AgentRelease release) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
        this.release = release;
    }

    /** The release concerned; empty for an upload refused before it was stored. */
    public java.util.Optional<AgentRelease> release() {
        return java.util.Optional.ofNullable(release);
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
