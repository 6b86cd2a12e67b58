package vn.loa.controller.pki;

import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;

/**
 * An enrollment or renewal the controller will not do, with the reason a technician can act on: its
 * {@link #problem()} is how the HTTP API answers it (code, status and parameters); its message that problem's
 * English text (what a renewal over the station link answers).
 */
public final class EnrollmentRefused extends RuntimeException {
    private final transient Problem problem;

    public EnrollmentRefused(Problem problem) {
        super(problem.english());
        this.problem = problem;
    }

    /** Refused because the request is not one the controller can read: {@code reason} says what is wrong. */
    public static EnrollmentRefused malformed(String reason) {
        return new EnrollmentRefused(RejectionCode.ENROLLMENT_MALFORMED.problem(reason));
    }

    public Problem problem() {
        return problem;
    }
}
