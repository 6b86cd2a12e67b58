package vn.loa.controller.rejection;

import java.util.List;

/**
 * The one way the controller refuses a request, raised by endpoints and domain services alike and turned into
 * the HTTP answer in one place (the API handler): one or more {@link Problem}s, all with the same HTTP status.
 * Several validation problems travel together, so a client learns every wrong field from one 400.
 */
public final class Rejection extends RuntimeException {
    private final List<Problem> problems;

    public Rejection(Problem problem) {
        this(List.of(problem));
    }

    /** Several problems answered together; the first one's status is the answer's. */
    public Rejection(List<Problem> problems) {
        super(problems.isEmpty() ? "no problem" : problems.get(0).english(), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first problem (the only one, most often). */
    public Problem first() {
        return problems.get(0);
    }

    public RejectionCode code() {
        return first().code();
    }

    /** The HTTP status of the answer. */
    public int status() {
        return first().code().status();
    }

    /** All problems' English texts, one per line. */
    @Override
    public String getMessage() {
        return String.join("; ", problems.stream().map(Problem::english).toList());
    }
}
