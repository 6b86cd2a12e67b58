package vn.loa.controller.alarm;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import vn.loa.protocol.v1.Heartbeat;

/**
 * Which alarm conditions a heartbeat shows. Pure: the same heartbeat, the same answer. Values with
 * hysteresis (temperature, disk) look at whether the condition is active now.
 */
public final class AlarmRules {
    /** The kinds a heartbeat decides; STATION_OFFLINE is decided by the link. */
    public static final Set<AlarmKind> HEARTBEAT_KINDS = EnumSet.complementOf(EnumSet.of(AlarmKind.STATION_OFFLINE));

    private final AlarmThresholds t;

    public AlarmRules(AlarmThresholds thresholds) {
        this.t = thresholds;
    }

    public AlarmThresholds thresholds() {
        return t;
    }

    /**
     * @param active            the conditions active now (for hysteresis)
     * @param clockPastGrace    the clock has been unsynchronised for longer than the grace period
     */
    public Map<AlarmKey, String> conditions(Heartbeat h, Set<AlarmKey> active, boolean clockPastGrace) {
        Map<AlarmKey, String> out = new LinkedHashMap<>();
        if (h.getSensorsKnown()) {
            if (h.getAmplifierFault()) {
                out.put(AlarmKey.of(AlarmKind.AMPLIFIER_FAULT), "the amplifier's fault input is set");
            }
            if (!h.getMainsPresent()) {
                out.put(AlarmKey.of(AlarmKind.MAINS_LOST), "no mains power; running on the DC backup");
            }
            if (h.getDoorOpen()) {
                out.put(AlarmKey.of(AlarmKind.DOOR_OPEN), "the cabinet door is open");
            }
        }
        if (h.hasCpuTemperatureC()) {
            double c = h.getCpuTemperatureC();
            boolean on = active.contains(AlarmKey.of(AlarmKind.TEMPERATURE_HIGH));
            if (c >= t.temperatureHighC() || on && c >= t.temperatureClearC()) {
                out.put(AlarmKey.of(AlarmKind.TEMPERATURE_HIGH), String.format("%.1f °C (alarm at %.0f °C)", c,
                        t.temperatureHighC()));
            }
        }
        if (h.getDiskFreeBytes() > 0 || h.getDiskTotalBytes() > 0) {
            long free = h.getDiskFreeBytes();
            boolean on = active.contains(AlarmKey.of(AlarmKind.DISK_LOW));
            if (free < t.diskLowBytes() || on && free < t.diskClearBytes()) {
                out.put(AlarmKey.of(AlarmKind.DISK_LOW), (free >> 20) + " MiB free (alarm below "
                        + (t.diskLowBytes() >> 20) + " MiB)");
            }
        }
        if (!h.getClockSynchronised() && clockPastGrace) {
            out.put(AlarmKey.of(AlarmKind.CLOCK_UNSYNCHRONISED), "the agent's clock is not synchronised with the "
                    + "controller; it does not play scheduled items");
        }
        for (long zone : h.getFailedZoneIdsList()) {
            out.put(AlarmKey.zone(zone), "zone " + zone + ": its relay failed the last time it was switched");
        }
        if (h.getConsecutivePlayFailures() >= t.playFailuresInARow()) {
            out.put(AlarmKey.of(AlarmKind.PLAY_FAILURES), h.getConsecutivePlayFailures() + " plays failed in a row");
        }
        return out;
    }
}
