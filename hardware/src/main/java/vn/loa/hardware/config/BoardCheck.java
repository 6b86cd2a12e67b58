package vn.loa.hardware.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.hardware.DeviceCheck;
import vn.loa.hardware.DeviceFault;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.serial.RelayBoard;

/**
 * The station's relay boards as a {@link DeviceCheck}: each board with the zones wired to it and
 * whether the amplifier's relay is on it, so a fault says what falls silent.
 */
final class BoardCheck implements DeviceCheck {
    /** One board and what depends on it. */
    record Wired(RelayBoard board, Set<Long> zones, boolean amplifier) {
    }

    private final Map<String, Wired> boards;
    private final SortedSet<Long> zones;

    /** @param zones every zone of the hardware file (GPIO ones too) */
    BoardCheck(Map<String, Wired> boards, Set<Long> zones) {
        this.boards = Map.copyOf(boards);
        this.zones = Collections.unmodifiableSortedSet(new TreeSet<>(zones));
    }

    @Override
    public Optional<SortedSet<Long>> wiredZones() {
        return Optional.of(zones);
    }

    @Override
    public List<DeviceFault> faults() {
        List<DeviceFault> faults = new ArrayList<>();
        boards.forEach((name, w) -> w.board().problem().ifPresent(p -> faults.add(fault(name, w, p))));
        faults.sort(java.util.Comparator.comparing(DeviceFault::device));
        return faults;
    }

    @Override
    public List<DeviceFault> probe() {
        for (Wired w : boards.values()) {
            try {
                w.board().probe();
            } catch (HardwareException e) {
                // kept by the board as its problem(): reported by faults() below
            }
        }
        return faults();
    }

    private static DeviceFault fault(String name, Wired w, String problem) {
        return DeviceFault.of("board " + name, w.board().describe(), problem, w.zones(), w.amplifier());
    }
}
