package vn.loa.controller.alarm;

import java.time.Instant;

/** One step in an alarm's history: RAISED, RETURNED (condition ended), RECURRED, ACKNOWLEDGED or CLEARED. */
public record AlarmEvent(long id, long alarmId, Instant at, String kind, String actor, String detail) {
    public static final String RAISED = "RAISED";
    public static final String RETURNED = "RETURNED";
    public static final String RECURRED = "RECURRED";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String CLEARED = "CLEARED";
}
