package vn.loa.controller.alarm;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.protocol.v1.DeviceFault;
import vn.loa.protocol.v1.Heartbeat;

/**
 * Which alarm conditions a heartbeat shows. Pure: the same heartbeat, the same answer. Values with
 * hysteresis (temperature, disk) look at whether the condition is active now.
 */
public final class AlarmRules {
    /** The kinds a heartbeat decides; STATION_OFFLINE is decided by the link. */
    public static final Set<AlarmKind> HEARTBEAT_KINDS = EnumSet.complementOf(EnumSet.of(AlarmKind.STATION_OFFLINE));

    private static final AlarmKey AMPLIFIER_FAULT = AlarmKey.of(AlarmKind.AMPLIFIER_FAULT);
    private static final AlarmKey MAINS_LOST = AlarmKey.of(AlarmKind.MAINS_LOST);
    private static final AlarmKey DOOR_OPEN = AlarmKey.of(AlarmKind.DOOR_OPEN);
    private static final AlarmKey TEMPERATURE_HIGH = AlarmKey.of(AlarmKind.TEMPERATURE_HIGH);
    private static final AlarmKey DISK_LOW = AlarmKey.of(AlarmKind.DISK_LOW);
    private static final AlarmKey CLOCK_UNSYNCHRONISED = AlarmKey.of(AlarmKind.CLOCK_UNSYNCHRONISED);
    private static final AlarmKey PLAY_FAILURES = AlarmKey.of(AlarmKind.PLAY_FAILURES);
    private static final AlarmKey ZONES_MISMATCH = AlarmKey.of(AlarmKind.ZONES_MISMATCH);
    private static final AlarmKey WEAK_SIGNAL = AlarmKey.of(AlarmKind.WEAK_SIGNAL);
    private static final AlarmKey DATA_QUOTA = AlarmKey.of(AlarmKind.DATA_QUOTA);
    /** The month's mobile data at this share of the plan's quota raises DATA_QUOTA; it clears below the second. */
    static final double QUOTA_ALARM_SHARE = 0.8;
    static final double QUOTA_CLEAR_SHARE = 0.75;
    /** LTE RSRP below this is weak (3GPP "poor" coverage); it clears above {@link #SIGNAL_CLEAR_RSRP_DBM}. */
    static final double WEAK_RSRP_DBM = -110;
    static final double SIGNAL_CLEAR_RSRP_DBM = -105;
    /** Without RSRP (2G/3G, or no extended signal), ModemManager's quality below this percentage is weak. */
    static final int WEAK_SIGNAL_PERCENT = 20;
    static final int SIGNAL_CLEAR_PERCENT = 25;

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
        return conditions(h, active, clockPastGrace, Optional.empty());
    }

    /**
     * @param controllerZones the station's zones as the controller knows them (empty: unknown, not compared)
     */
    public Map<AlarmKey, String> conditions(Heartbeat h, Set<AlarmKey> active, boolean clockPastGrace,
            Optional<Set<Long>> controllerZones) {
        Map<AlarmKey, String> out = null; // most heartbeats show nothing: no map is built for them
        if (h.getSensorsKnown()) {
            if (h.getAmplifierFault()) {
                out = put(out, AMPLIFIER_FAULT, "the amplifier's fault input is set");
            }
            if (!h.getMainsPresent()) {
                out = put(out, MAINS_LOST, "no mains power; running on the DC backup");
            }
            if (h.getDoorOpen()) {
                out = put(out, DOOR_OPEN, "the cabinet door is open");
            }
        }
        if (h.hasCpuTemperatureC()) {
            double c = h.getCpuTemperatureC();
            if (c >= t.temperatureHighC() || c >= t.temperatureClearC() && active.contains(TEMPERATURE_HIGH)) {
                out = put(out, TEMPERATURE_HIGH, String.format("%.1f °C (alarm at %.0f °C)", c, t.temperatureHighC()));
            }
        }
        if (h.getDiskFreeBytes() > 0 || h.getDiskTotalBytes() > 0) {
            long free = h.getDiskFreeBytes();
            if (free < t.diskLowBytes() || free < t.diskClearBytes() && active.contains(DISK_LOW)) {
                out = put(out, DISK_LOW, (free >> 20) + " MiB free (alarm below " + (t.diskLowBytes() >> 20) + " MiB)");
            }
        }
        if (!h.getClockSynchronised() && clockPastGrace) {
            out = put(out, CLOCK_UNSYNCHRONISED, "the agent's clock is not synchronised with the "
                    + "controller; it does not play scheduled items");
        }
        for (int i = 0; i < h.getFailedZoneIdsCount(); i++) {
            long zone = h.getFailedZoneIds(i);
            out = put(out, AlarmKey.zone(zone), "zone " + zone + ": its relay failed the last time it was switched");
        }
        if (h.getConsecutivePlayFailures() >= t.playFailuresInARow()) {
            out = put(out, PLAY_FAILURES, h.getConsecutivePlayFailures() + " plays failed in a row");
        }
        for (DeviceFault f : h.getDeviceFaultsList()) {
            out = put(out, AlarmKey.device(f.getDevice()), f.getDescription() + ": " + f.getProblem()
                    + (f.getAmplifier() ? "; the amplifier's relay is on it: every zone is silent"
                            : f.getZoneIdsCount() > 0 ? "; silent zones: " + joined(f.getZoneIdsList()) : ""));
        }
        if (h.hasCellular()) {
            String weak = weakSignal(h.getCellular(), active.contains(WEAK_SIGNAL));
            if (weak != null) {
                out = put(out, WEAK_SIGNAL, weak);
            }
            String quota = quotaNearEnd(h.getCellular(), active.contains(DATA_QUOTA));
            if (quota != null) {
                out = put(out, DATA_QUOTA, quota);
            }
        }
        if (h.getHardwareZonesKnown() && controllerZones.isPresent()) {
            String mismatch = zonesMismatch(new TreeSet<>(h.getHardwareZoneIdsList()), controllerZones.get());
            if (!mismatch.isEmpty()) {
                out = put(out, ZONES_MISMATCH, mismatch);
            }
        }
        return out == null ? Map.of() : out;
    }

    /** What differs between the hardware file's zones and the controller's, "" when nothing does. */
    /** Why the mobile link counts as weak (with hysteresis while the alarm is active), or null when it does not. */
    static String weakSignal(vn.loa.protocol.v1.CellularLink c, boolean active) {
        String who = (c.getOperatorName().isEmpty() ? "" : c.getOperatorName() + " ")
                + (c.getAccessTechnology().isEmpty() ? "" : c.getAccessTechnology().toUpperCase(java.util.Locale.ROOT) + " ");
        if (c.getHasRsrp()) {
            double limit = active ? SIGNAL_CLEAR_RSRP_DBM : WEAK_RSRP_DBM;
            return c.getRsrpDbm() < limit ? String.format(java.util.Locale.ROOT, "%sRSRP %.0f dBm (weak below %.0f dBm)%s",
                    who, c.getRsrpDbm(), WEAK_RSRP_DBM, c.getHasSinr() ? String.format(java.util.Locale.ROOT,
                            ", SINR %.1f dB", c.getSinrDb()) : "") : null;
        }
        int limit = active ? SIGNAL_CLEAR_PERCENT : WEAK_SIGNAL_PERCENT;
        return c.getSignalPercent() < limit ? who + "signal " + c.getSignalPercent() + " % (weak below "
                + WEAK_SIGNAL_PERCENT + " %), modem " + c.getModemState() : null;
    }

    /** Why the month's data use counts as near the plan's quota (hysteresis while active), or null; none without a quota. */
    static String quotaNearEnd(vn.loa.protocol.v1.CellularLink c, boolean active) {
        long quota = c.getMonthlyQuotaBytes();
        if (quota <= 0) {
            return null;
        }
        double share = (double) c.getMonthUsedBytes() / quota;
        if (share < (active ? QUOTA_CLEAR_SHARE : QUOTA_ALARM_SHARE)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%d MiB of the %d MiB monthly data plan used this month (%.0f %%; alarm at %.0f %%)",
                c.getMonthUsedBytes() >> 20, quota >> 20, share * 100, QUOTA_ALARM_SHARE * 100);
    }

    static String zonesMismatch(Set<Long> hardware, Set<Long> controller) {
        Set<Long> unknown = new TreeSet<>(hardware);
        unknown.removeAll(controller);
        Set<Long> unwired = new TreeSet<>(controller);
        unwired.removeAll(hardware);
        StringBuilder b = new StringBuilder();
        if (!unknown.isEmpty()) {
            b.append("the hardware file wires zones the controller does not have for this station: ").append(joined(unknown));
        }
        if (!unwired.isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ").append("zones of this station not in its hardware file (they cannot play): ")
                    .append(joined(unwired));
        }
        return b.toString();
    }

    private static String joined(java.util.Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    private static Map<AlarmKey, String> put(Map<AlarmKey, String> out, AlarmKey key, String detail) {
        Map<AlarmKey, String> m = out == null ? new LinkedHashMap<>() : out;
        m.put(key, detail);
        return m;
    }
}
