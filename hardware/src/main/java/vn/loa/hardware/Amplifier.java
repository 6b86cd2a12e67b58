package vn.loa.hardware;

import java.util.Optional;

/** The power relay of the station's amplifier. */
public interface Amplifier {
    void setPowered(boolean on) throws HardwareException;

    boolean isPowered();

    /** Where the amplifier relay is, for a technician. */
    default String describe() {
        return "amplifier";
    }

    /** The relay's state read from the device; empty when the device cannot tell. */
    default Optional<Boolean> readBack() throws HardwareException {
        return Optional.empty();
    }
}
