package vn.loa.protocol.hardwarefile;

import java.util.List;

/** The hardware configuration has errors; all of them, each one a technician can act on, with its line. */
public class HardwareConfigException extends Exception {
    private final List<ConfigError> problems;

    public HardwareConfigException(String source, List<ConfigError> problems) {
        super(source + ": " + problems.size() + " error" + (problems.size() == 1 ? "" : "s")
                + " in the hardware configuration:\n  - "
                + String.join("\n  - ", problems.stream().map(ConfigError::message).toList()));
        this.problems = List.copyOf(problems);
    }

    /** The messages, in the order found. */
    public List<String> errors() {
        return problems.stream().map(ConfigError::message).toList();
    }

    /** Each error with its line (0: the file as a whole). */
    public List<ConfigError> problems() {
        return problems;
    }
}
