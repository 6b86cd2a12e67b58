package vn.loa.controller.account;

import java.util.List;

/** What a new password must be: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH}. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    /** Adds the reasons (prefixed with {@code field}) when the password is not acceptable. */
    public static void check(String field, String password, List<String> errors) {
        if (password == null) {
            errors.add(field + ": required text");
        } else if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            errors.add(field + ": at least " + MIN_LENGTH + " characters");
        } else if (password.length() > MAX_LENGTH) {
            errors.add(field + ": at most " + MAX_LENGTH + " characters");
        }
    }
}
