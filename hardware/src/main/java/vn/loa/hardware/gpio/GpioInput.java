package vn.loa.hardware.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.time.Duration;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.relay.InputLine;

/**
 * A debounced GPIO input (BCM numbering). Active-low inputs (a contact to ground) get the pull-up,
 * active-high ones the pull-down. A new level is believed once it has held for the debounce time:
 * every edge (seen by a listener, or by a read) restarts that time, so contact bounce and short
 * spikes never reach the station's state.
 */
public final class GpioInput implements InputLine {
    private final DigitalInput input;
    private final int pin;
    private final boolean activeHigh;
    private final long debounceMs;
    private final Clock clock;
    private boolean raw;
    private long changedAtMs;
    private boolean stable;

    public GpioInput(Context context, String id, int pin, boolean activeHigh, Duration debounce, Clock clock)
            throws HardwareException {
        this.pin = pin;
        this.activeHigh = activeHigh;
        this.debounceMs = debounce.toMillis();
        this.clock = clock;
        try {
            this.input = context.create(DigitalInput.newConfigBuilder(context).id(id).name(id + " (GPIO " + pin + ")")
                    .address(pin).pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP));
            this.raw = active(input.state());
        } catch (RuntimeException e) {
            throw new HardwareException("GPIO " + pin + " (" + id + "): cannot open the input: " + e.getMessage(), e);
        }
        this.stable = raw;
        this.changedAtMs = clock.millis();
        input.addListener(event -> edge(active(event.state())));
    }

    @Override
    public synchronized boolean isActive() throws HardwareException {
        try {
            edge(active(input.state()));
        } catch (RuntimeException e) {
            throw new HardwareException("GPIO " + pin + ": cannot read the input: " + e.getMessage(), e);
        }
        if (clock.millis() - changedAtMs >= debounceMs) {
            stable = raw;
        }
        return stable;
    }

    private synchronized void edge(boolean level) {
        if (level != raw) {
            raw = level;
            changedAtMs = clock.millis();
        }
    }

    private boolean active(DigitalState state) {
        return (state == DigitalState.HIGH) == activeHigh;
    }

    @Override
    public String toString() {
        return "GPIO " + pin + " input (" + (activeHigh ? "active-high" : "active-low") + ", debounce " + debounceMs
                + " ms)";
    }
}
