package vn.loa.hardware;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What the station knows about its devices apart from switching them: which ones fail now. Relay
 * boards are checked without switching anything — a Modbus board is asked for its coils, an LCUS
 * board (which never answers) must still be plugged in — so a board that dies while the station is
 * idle is seen before the next broadcast needs it.
 */
public interface DeviceCheck {
    /** Devices found failing when they were last used or probed (no device is talked to). */
    List<DeviceFault> faults();

    /**
     * Probes every device that can be probed cheaply (a few milliseconds each when it works; a board
     * that does not answer costs its timeout) and returns the faults found. Called while nothing plays.
     */
    List<DeviceFault> probe();

    /**
     * The zones the station's hardware file wires, to be compared with the controller's; empty when
     * there is no such file (simulated hardware).
     */
    default Optional<SortedSet<Long>> wiredZones() {
        return Optional.empty();
    }

    /** A station without probeable devices (simulated, or GPIO only). */
    DeviceCheck NONE = new DeviceCheck() {
        @Override
        public List<DeviceFault> faults() {
            return List.of();
        }

        @Override
        public List<DeviceFault> probe() {
            return List.of();
        }
    };
}
