package vn.loa.hardware.relay;

import java.util.Optional;
import vn.loa.hardware.HardwareException;

/** One relay channel, wherever it is wired (a GPIO pin, a channel of a serial board). */
public interface Relay {
    /** Where it is, for a technician: "GPIO 17 (active-low)", "board tang1 (MODBUS /dev/ttyUSB0) channel 2". */
    String describe();

    /**
     * The device the relay belongs to ("GPIO", "board tang1"): relays of one device fail together,
     * so an error names every zone on it.
     */
    String device();

    void set(boolean on) throws HardwareException;

    /** The state last commanded successfully. */
    boolean isOn();

    /** The state read from the device, where it can tell. */
    Optional<Boolean> readBack() throws HardwareException;
}
