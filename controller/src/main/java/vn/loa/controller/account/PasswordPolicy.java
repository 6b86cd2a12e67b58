package vn.loa.controller.account;

import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** What a new password must be: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH}. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    /** Adds the problem (naming {@code field}) when the password is not acceptable. */
    public static void check(String field, String password, Problems problems) {
        if (password == null) {
            problems.add(RejectionCode.REQUIRED, field);
        } else if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add(RejectionCode.TOO_SHORT, field, MIN_LENGTH);
        } else if (password.length() > MAX_LENGTH) {
            problems.add(RejectionCode.TOO_LONG, field, MAX_LENGTH);
        }
    }
}
