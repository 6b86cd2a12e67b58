package vn.loa.controller.area.change;

import java.util.List;

/** An area change that cannot be made as asked, with every reason a person must fix. */
public final class AreaChangeRefused extends RuntimeException {
    private final List<String> problems;

    public AreaChangeRefused(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
