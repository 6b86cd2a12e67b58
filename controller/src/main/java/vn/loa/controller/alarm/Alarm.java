package vn.loa.controller.alarm;

import java.time.Instant;

/** One alarm and where it stands. */
public record Alarm(long id, long stationId, AlarmKind kind, String subject, AlarmState state,
        boolean conditionActive, String detail, Instant raisedAt, Instant conditionEndedAt, Instant acknowledgedAt,
        String acknowledgedBy, String ackNote, Instant clearedAt, int occurrences) {

    public AlarmKey key() {
        return new AlarmKey(kind, subject);
    }

    Alarm withId(long newId) {
        return new Alarm(newId, stationId, kind, subject, state, conditionActive, detail, raisedAt, conditionEndedAt,
                acknowledgedAt, acknowledgedBy, ackNote, clearedAt, occurrences);
    }

    Alarm recurred(String newDetail) {
        return new Alarm(id, stationId, kind, subject, state, true, newDetail, raisedAt, null, acknowledgedAt,
                acknowledgedBy, ackNote, clearedAt, occurrences + 1);
    }

    /** The condition ended; an acknowledged alarm clears, an unacknowledged one stays latched. */
    Alarm returned(Instant at) {
        boolean clears = state == AlarmState.ACKNOWLEDGED;
        return new Alarm(id, stationId, kind, subject, clears ? AlarmState.CLEARED : state, false, detail, raisedAt,
                at, acknowledgedAt, acknowledgedBy, ackNote, clears ? at : clearedAt, occurrences);
    }

    /** Acknowledged: cleared at once when the condition has already ended. */
    Alarm acknowledged(Instant at, String by, String note) {
        boolean clears = !conditionActive;
        return new Alarm(id, stationId, kind, subject, clears ? AlarmState.CLEARED : AlarmState.ACKNOWLEDGED,
                conditionActive, detail, raisedAt, conditionEndedAt, at, by, note, clears ? at : null, occurrences);
    }
}
