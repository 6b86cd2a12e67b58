package vn.loa.controller.inbox;

import java.util.List;

/** A dispatch or an answer that cannot be taken as it is, with what to fix. */
public final class InboxRefused extends RuntimeException {
    private final List<String> problems;

    public InboxRefused(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
