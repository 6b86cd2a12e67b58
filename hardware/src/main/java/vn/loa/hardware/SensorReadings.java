package vn.loa.hardware;

/**
 * The station's inputs at one instant.
 *
 * @param localMode the local-mode switch asks for the station to be handed to the local mixer
 *                  (docs/hardware.md#local-mode)
 */
public record SensorReadings(boolean amplifierFault, boolean mainsPresent, boolean doorOpen, boolean localMode) {
    public static final SensorReadings NOMINAL = new SensorReadings(false, true, false, false);

    /** Without a local-mode switch. */
    public SensorReadings(boolean amplifierFault, boolean mainsPresent, boolean doorOpen) {
        this(amplifierFault, mainsPresent, doorOpen, false);
    }
}
