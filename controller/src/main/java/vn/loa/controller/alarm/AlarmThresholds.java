package vn.loa.controller.alarm;

import java.time.Duration;

/**
 * When a condition becomes an alarm, and (hysteresis) when it ends.
 *
 * @param temperatureHighC   raise at or above (a Raspberry Pi throttles at 80–85 °C)
 * @param temperatureClearC  the condition ends below
 * @param diskLowBytes       raise when free space on the agent's data disk falls below
 * @param diskClearBytes     the condition ends at or above
 * @param playFailuresInARow raise when this many plays failed since the last one that played
 * @param clockGrace         an agent's clock may be unsynchronised this long after it connects (the
 *                           first exchanges take about a second) before it is an alarm
 */
public record AlarmThresholds(double temperatureHighC, double temperatureClearC, long diskLowBytes,
        long diskClearBytes, int playFailuresInARow, Duration clockGrace) {

    public static AlarmThresholds defaults() {
        return new AlarmThresholds(75, 70, 256L << 20, 320L << 20, 3, Duration.ofSeconds(20));
    }
}
