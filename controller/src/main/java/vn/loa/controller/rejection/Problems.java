package vn.loa.controller.rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the validation problems of one request so they are reported together: add each one found, then
 * {@link #throwIfAny()} once validation is complete (a 400 listing all of them).
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public Problems add(RejectionCode code, Object... values) {
        found.add(code.problem(values));
        return this;
    }

    public Problems add(Problem problem) {
        found.add(problem);
        return this;
    }

    /** Adds every problem of a rejection raised by a nested check. */
    public Problems addAll(Rejection rejection) {
        found.addAll(rejection.problems());
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new Rejection(found);
        }
    }
}
