package vn.loa.protocol.hardwarefile;

import java.util.List;

/** A station settings file has errors: all of them, each with its line (0: the file as a whole). */
public class StationSettingsException extends Exception {
    private final List<ConfigError> problems;

    public StationSettingsException(String source, List<ConfigError> problems) {
        super(source + ": " + problems.size() + " error" + (problems.size() == 1 ? "" : "s")
                + " in the station settings:\n  - "
                + String.join("\n  - ", problems.stream().map(ConfigError::message).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigError> problems() {
        return problems;
    }
}
