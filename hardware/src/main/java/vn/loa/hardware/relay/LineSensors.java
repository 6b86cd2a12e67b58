package vn.loa.hardware.relay;

import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.Sensors;

/**
 * The station's inputs from digital lines; an input that is not wired reads as nominal (no fault,
 * mains present, door closed).
 *
 * @param fault active while the amplifier reports a fault, or null
 * @param mains active while mains power is present, or null
 * @param door  active while the cabinet door is open, or null
 * @param localMode active while the local-mode switch hands the station to the local mixer, or null
 */
public record LineSensors(InputLine fault, InputLine mains, InputLine door, InputLine localMode) implements Sensors {
    public LineSensors(InputLine fault, InputLine mains, InputLine door) {
        this(fault, mains, door, null);
    }

    @Override
    public SensorReadings read() throws HardwareException {
        return new SensorReadings(fault != null && fault.isActive(), mains == null || mains.isActive(),
                door != null && door.isActive(), localMode != null && localMode.isActive());
    }
}
