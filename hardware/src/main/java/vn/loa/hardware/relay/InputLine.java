package vn.loa.hardware.relay;

import vn.loa.hardware.HardwareException;

/** A (debounced) digital input: true when the condition it wires is present. */
@FunctionalInterface
public interface InputLine {
    boolean isActive() throws HardwareException;
}
