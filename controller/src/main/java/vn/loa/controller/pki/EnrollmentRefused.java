package vn.loa.controller.pki;

/** An enrollment or renewal the controller will not do, with the reason a technician can act on. */
public final class EnrollmentRefused extends RuntimeException {
    /** How the HTTP API answers it. */
    public enum Kind {
        BAD_REQUEST, UNKNOWN_TOKEN, USED, EXPIRED
    }

    private final Kind kind;

    public EnrollmentRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
