package vn.loa.controller.notify;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import vn.loa.controller.alarm.AlarmEvent;
import vn.loa.controller.alarm.AlarmKind;

/** Whether one alarm change goes to one person's phone (pure; docs/integration.md#alarms-to-phones). */
public final class PhoneRules {
    /** Alarms that reach people even in their quiet period: the station cannot broadcast, or is in danger. */
    public static final Set<AlarmKind> URGENT = EnumSet.of(AlarmKind.STATION_OFFLINE, AlarmKind.AMPLIFIER_FAULT,
            AlarmKind.MAINS_LOST, AlarmKind.DOOR_OPEN, AlarmKind.TEMPERATURE_HIGH);

    /** The decision, and why (for the log). */
    public enum Decision {
        SEND, NOT_A_NEW_ALARM, OUTSIDE_AREA, QUIET_PERIOD
    }

    private PhoneRules() {
    }

    /**
     * @param inArea whether the alarm's station lies in the recipient's area (always true for a recipient of everything)
     * @param local  the time of day in Vietnam now
     */
    public static Decision decide(AlarmKind kind, String event, boolean inArea, QuietPeriod quiet, LocalTime local) {
        if (!event.equals(AlarmEvent.RAISED) && !event.equals(AlarmEvent.RECURRED)) {
            return Decision.NOT_A_NEW_ALARM;
        }
        if (!inArea) {
            return Decision.OUTSIDE_AREA;
        }
        if (!URGENT.contains(kind) && quiet != null && quiet.contains(local)) {
            return Decision.QUIET_PERIOD;
        }
        return Decision.SEND;
    }
}
