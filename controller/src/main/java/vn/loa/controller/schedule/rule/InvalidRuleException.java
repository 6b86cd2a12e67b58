package vn.loa.controller.schedule.rule;

import java.util.List;

/**
 * A rule is invalid; the message is meant for the commune operator who wrote it. When several fields
 * are wrong, {@link #errors()} lists each problem and the message joins them with {@code "; "}.
 */
public final class InvalidRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** At most this many errors are spelled out in the message; the rest are counted. */
    static final int MAX_ERRORS_IN_MESSAGE = 20;

    private final List<String> errors;

    public InvalidRuleException(String message) {
        this(List.of(message));
    }

    public InvalidRuleException(List<String> errors) {
        super(join(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found, in the order the fields were checked. */
    public List<String> errors() {
        return errors;
    }

    private static String join(List<String> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRuleException needs at least one error");
        }
        if (errors.size() <= MAX_ERRORS_IN_MESSAGE) {
            return String.join("; ", errors);
        }
        return String.join("; ", errors.subList(0, MAX_ERRORS_IN_MESSAGE))
                + "; … and " + (errors.size() - MAX_ERRORS_IN_MESSAGE) + " more errors";
    }
}
