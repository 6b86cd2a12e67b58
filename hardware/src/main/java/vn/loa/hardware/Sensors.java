package vn.loa.hardware;

/** Fault, mains and door inputs. */
public interface Sensors {
    SensorReadings read() throws HardwareException;
}
