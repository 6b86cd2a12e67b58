package vn.loa.hardware.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Optional;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.relay.Relay;

/**
 * A relay driven by one GPIO pin (BCM numbering), active-high or active-low. The pin is created with
 * the relay's "off" level as both its initial and its shutdown state, so the relay is off from the
 * moment the driver exists and again when the GPIO context shuts down (exit, crash hook).
 */
public final class GpioRelay implements Relay {
    private final DigitalOutput output;
    private final int pin;
    private final boolean activeHigh;
    private volatile boolean on;

    public GpioRelay(Context context, String id, int pin, boolean activeHigh) throws HardwareException {
        this.pin = pin;
        this.activeHigh = activeHigh;
        DigitalState off = level(false);
        try {
            this.output = context.create(DigitalOutput.newConfigBuilder(context).id(id).name(id + " (GPIO " + pin + ")")
                    .address(pin).initial(off).shutdown(off));
        } catch (RuntimeException e) {
            throw new HardwareException("GPIO " + pin + " (" + id + "): cannot open the pin: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "GPIO " + pin + " (" + (activeHigh ? "active-high" : "active-low") + ")";
    }

    @Override
    public String device() {
        return "GPIO";
    }

    @Override
    public synchronized void set(boolean on) throws HardwareException {
        try {
            output.state(level(on));
        } catch (RuntimeException e) {
            throw new HardwareException(describe() + ": cannot set the pin: " + e.getMessage(), e);
        }
        this.on = on;
    }

    @Override
    public boolean isOn() {
        return on;
    }

    /** A GPIO relay module has no contact feedback: the pin's own level proves nothing. */
    @Override
    public Optional<Boolean> readBack() {
        return Optional.empty();
    }

    private DigitalState level(boolean relayOn) {
        return relayOn == activeHigh ? DigitalState.HIGH : DigitalState.LOW;
    }
}
