package vn.loa.controller.schedule.rule;

import java.util.List;
import vn.loa.controller.rejection.Problem;

/**
 * A rule is invalid: every problem found, each with its code (docs/api.md#errors), in the order the fields were
 * checked. The message, meant for the commune operator who wrote the rule, joins their English texts with
 * {@code "; "}.
 */
public final class InvalidRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** At most this many errors are spelled out in the message; the rest are counted. */
    static final int MAX_ERRORS_IN_MESSAGE = 20;

    private final transient List<Problem> problems;

    public InvalidRuleException(Problem problem) {
        this(List.of(problem));
    }

    public InvalidRuleException(List<Problem> problems) {
        super(join(problems.stream().map(Problem::english).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, with its code. */
    public List<Problem> problems() {
        return problems;
    }

    /** Every problem's English text, in the order the fields were checked. */
    public List<String> errors() {
        return problems.stream().map(Problem::english).toList();
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
