package vn.loa.hardware;

/** The station's inputs at one instant. */
public record SensorReadings(boolean amplifierFault, boolean mainsPresent, boolean doorOpen) {
    public static final SensorReadings NOMINAL = new SensorReadings(false, true, false);
}
