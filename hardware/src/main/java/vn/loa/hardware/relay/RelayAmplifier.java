package vn.loa.hardware.relay;

import java.util.Optional;
import vn.loa.hardware.Amplifier;
import vn.loa.hardware.HardwareException;

/** The amplifier's power relay. */
public final class RelayAmplifier implements Amplifier {
    private final Relay relay;

    public RelayAmplifier(Relay relay) {
        this.relay = relay;
    }

    @Override
    public void setPowered(boolean on) throws HardwareException {
        try {
            relay.set(on);
        } catch (HardwareException e) {
            throw new HardwareException("amplifier relay (" + relay.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isPowered() {
        return relay.isOn();
    }

    @Override
    public String describe() {
        return relay.describe();
    }

    @Override
    public Optional<Boolean> readBack() throws HardwareException {
        return relay.readBack();
    }
}
