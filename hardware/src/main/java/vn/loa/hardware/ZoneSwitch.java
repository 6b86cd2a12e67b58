package vn.loa.hardware;

import java.util.Optional;
import java.util.Set;

/** The relays that connect village loudspeaker zones to the amplifier output. */
public interface ZoneSwitch {
    /** The zones this station can switch, by the controller's zone ids. */
    Set<Long> zones();

    void setZone(long zoneId, boolean on) throws HardwareException;

    /** The zones currently switched on. */
    Set<Long> activeZones();

    /** Where the zone's relay is, for a technician (e.g. "GPIO 17 active-low", "board tang1 channel 2"). */
    default String describe(long zoneId) {
        return "zone " + zoneId;
    }

    /**
     * What the relay of the zone really is, read from the device; empty when the device cannot tell
     * (GPIO relay boards, LCUS boards).
     */
    default Optional<Boolean> readBack(long zoneId) throws HardwareException {
        return Optional.empty();
    }
}
