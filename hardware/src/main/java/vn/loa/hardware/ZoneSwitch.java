package vn.loa.hardware;

import java.util.Set;

/** The relays that connect village loudspeaker zones to the amplifier output. */
public interface ZoneSwitch {
    /** The zones this station can switch, by the controller's zone ids. */
    Set<Long> zones();

    void setZone(long zoneId, boolean on) throws HardwareException;

    /** The zones currently switched on. */
    Set<Long> activeZones();
}
