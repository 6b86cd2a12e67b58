package vn.loa.hardware.config;

import java.util.List;

/** The hardware configuration has errors; all of them, each one a technician can act on. */
public class HardwareConfigException extends Exception {
    private final List<String> errors;

    public HardwareConfigException(String source, List<String> errors) {
        super(source + ": " + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " in the hardware configuration:\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
