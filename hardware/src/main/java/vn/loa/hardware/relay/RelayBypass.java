package vn.loa.hardware.relay;

import vn.loa.hardware.Bypass;
import vn.loa.hardware.HardwareException;

/**
 * The coil of a normally-closed bypass contactor on a relay channel (hardware file {@code bypass.gpio} or
 * {@code bypass.board}/{@code .channel}): the relay on (coil energised) while the agent has the station, off
 * in local mode, when the agent stops, and — by wiring — whenever the Pi is off or hangs with its outputs
 * released. Starts off (as a Pi that just booted): the agent takes the station on its player's first step.
 */
public final class RelayBypass implements Bypass {
    private final Relay coil;

    public RelayBypass(Relay coil) {
        this.coil = coil;
    }

    @Override
    public void setLocal(boolean local) throws HardwareException {
        try {
            coil.set(!local);
        } catch (HardwareException e) {
            throw new HardwareException("bypass coil (" + coil.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isLocal() {
        return !coil.isOn();
    }

    @Override
    public String describe() {
        return "bypass coil on " + coil.describe();
    }
}
