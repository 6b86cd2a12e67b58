package vn.loa.hardware.sim;

import vn.loa.hardware.Amplifier;
import vn.loa.hardware.HardwareException;

/** An amplifier relay that records each switch; {@link #simulateFault} makes the next switch fail. */
public final class SimAmplifier implements Amplifier {
    private final SimEventLog events;
    private volatile boolean powered;
    private volatile String fault;

    public SimAmplifier(SimEventLog events) {
        this.events = events;
    }

    @Override
    public void setPowered(boolean on) throws HardwareException {
        String f = fault;
        if (f != null && on) {
            throw new HardwareException("amplifier: " + f);
        }
        if (powered != on) {
            // recorded before the state is seen: a test that sees the amplifier off finds "off" in the event log
            events.record("amplifier", "\"state\":\"" + (on ? "on" : "off") + "\"");
            powered = on;
        }
    }

    @Override
    public boolean isPowered() {
        return powered;
    }

    public void simulateFault(String reason) {
        fault = reason;
    }

    public void clearFault() {
        fault = null;
    }
}
