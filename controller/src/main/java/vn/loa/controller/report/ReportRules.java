package vn.loa.controller.report;

import java.util.EnumSet;
import java.util.Set;
import vn.loa.controller.alarm.AlarmKind;

/** How the province report judges "working"; in one place so the documentation can quote it. */
public final class ReportRules {
    /** A station is out of service while any of these holds: it cannot broadcast its plan. */
    public static final Set<AlarmKind> UNAVAILABLE = EnumSet.of(AlarmKind.STATION_OFFLINE, AlarmKind.AMPLIFIER_FAULT,
            AlarmKind.CLOCK_UNSYNCHRONISED);
    /** A station works in a month when it was available at least this share of the counted time. */
    public static final double STATION_WORKING = 0.80;
    /** A zone works when its station works and the zone was failed at most this share of the counted time. */
    public static final double ZONE_FAILED_MAX = 0.20;

    private ReportRules() {
    }
}
