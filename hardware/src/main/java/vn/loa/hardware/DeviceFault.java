package vn.loa.hardware;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A device of the station that does not work now: a relay board that does not answer or is
 * unplugged, hardware that could not be opened at start.
 *
 * @param device      a stable name for the device ("board rs485a", "hardware"): the same fault keeps it
 * @param description where it is, for a technician ("board rs485a (MODBUS address 1 on /dev/loa-rs485)")
 * @param problem     what is wrong, as the driver saw it
 * @param zones       the zones wired to it (all silent while it fails)
 * @param amplifier   whether the amplifier's relay is on it (then every zone is silent)
 */
public record DeviceFault(String device, String description, String problem, SortedSet<Long> zones,
        boolean amplifier) {
    public DeviceFault {
        zones = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(zones));
    }

    public static DeviceFault of(String device, String description, String problem, Set<Long> zones,
            boolean amplifier) {
        return new DeviceFault(device, description, problem, new TreeSet<>(zones), amplifier);
    }
}
