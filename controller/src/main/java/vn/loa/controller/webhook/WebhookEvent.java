package vn.loa.controller.webhook;

import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.alarm.AlarmEvent;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.exchange.ExchangeRecord;

/** The events a webhook may subscribe to (docs/integration.md#webhooks), and which records raise them. */
public enum WebhookEvent {
    ALARM_RAISED, ALARM_CLEARED, STATION_OFFLINE, STATION_ONLINE, PLAY_FAILED,
    /** A rollout of an agent release paused (by a person or by itself): not from an exchange record. */
    ROLLOUT_PAUSED;

    /** The events an exchange record raises (pure): none for most records; never ROLLOUT_PAUSED. */
    public static List<WebhookEvent> of(ExchangeRecord record) {
        List<WebhookEvent> events = new ArrayList<>();
        switch (record) {
            case ExchangeRecord.AlarmEntry a -> {
                boolean raised = a.event().equals(AlarmEvent.RAISED) || a.event().equals(AlarmEvent.RECURRED);
                // the condition ended now: RETURNED (latched until acknowledged), or CLEARED at that very instant
                boolean ended = a.event().equals(AlarmEvent.RETURNED) || a.event().equals(AlarmEvent.CLEARED)
                        && a.alarm().conditionEndedAt() != null && a.alarm().conditionEndedAt().equals(a.alarm().clearedAt());
                if (raised) {
                    events.add(ALARM_RAISED);
                } else if (a.event().equals(AlarmEvent.CLEARED)) {
                    events.add(ALARM_CLEARED);
                }
                if (a.alarm().kind() == AlarmKind.STATION_OFFLINE && raised) {
                    events.add(STATION_OFFLINE);
                } else if (a.alarm().kind() == AlarmKind.STATION_OFFLINE && ended) {
                    events.add(STATION_ONLINE);
                }
            }
            case ExchangeRecord.BroadcastLogEntry p -> {
                if ("FAILED".equals(p.play().outcome())) {
                    events.add(PLAY_FAILED);
                }
            }
            case ExchangeRecord.StationEntry s -> {
            }
            case ExchangeRecord.BulletinEntry b -> {
            }
            case ExchangeRecord.InboundReceipt r -> {
            }
            case ExchangeRecord.ScheduleEntry sc -> {
            }
            case ExchangeRecord.MonthlyStatistics m -> {
            }
        }
        return events;
    }
}
