package vn.loa.hardware.sim;

import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.Sensors;

/** Inputs a test can set. */
public final class SimSensors implements Sensors {
    private volatile SensorReadings readings = SensorReadings.NOMINAL;

    @Override
    public SensorReadings read() {
        return readings;
    }

    public void set(SensorReadings readings) {
        this.readings = readings;
    }
}
