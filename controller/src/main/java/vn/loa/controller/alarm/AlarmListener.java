package vn.loa.controller.alarm;

/** Told of every change to an alarm (live events, metrics), after it is stored. Must not block. */
@FunctionalInterface
public interface AlarmListener {
    /** @param event what happened: RAISED, RETURNED, RECURRED, ACKNOWLEDGED or CLEARED */
    void changed(Alarm alarm, String event);
}
