package vn.loa.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmState;
import vn.loa.controller.exchange.ExchangeRecord;
import vn.loa.controller.playlog.PlayRecord;

/** Which webhook events a record raises (table-driven). */
class WebhookEventTest {
    private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");

    @ParameterizedTest(name = "{0} {1} (ended {2}, cleared {3}) → {4}")
    @CsvSource(delimiter = '|', value = {
            "STATION_OFFLINE | RAISED       | false | false | ALARM_RAISED STATION_OFFLINE",
            "STATION_OFFLINE | RECURRED     | false | false | ALARM_RAISED STATION_OFFLINE",
            "STATION_OFFLINE | RETURNED     | true  | false | STATION_ONLINE",
            "STATION_OFFLINE | CLEARED      | true  | true  | ALARM_CLEARED STATION_ONLINE",
            "STATION_OFFLINE | ACKNOWLEDGED | false | false | ",
            "AMPLIFIER_FAULT | RAISED       | false | false | ALARM_RAISED",
            "AMPLIFIER_FAULT | RETURNED     | true  | false | ",
            "AMPLIFIER_FAULT | CLEARED      | true  | true  | ALARM_CLEARED"})
    void alarmChanges(AlarmKind kind, String event, boolean ended, boolean clearedThen, String expected) {
        Instant clearedAt = clearedThen ? T : null;
        Alarm a = new Alarm(1, 5, kind, "", clearedThen ? AlarmState.CLEARED : AlarmState.ACTIVE, !ended, "d", T,
                ended ? T : null, null, null, null, clearedAt, 1);
        assertThat(WebhookEvent.of(new ExchangeRecord.AlarmEntry(a, event, T))).containsExactlyElementsOf(events(expected));
    }

    @ParameterizedTest(name = "a play {0} → {1}")
    @CsvSource(delimiter = '|', value = {"FAILED | PLAY_FAILED", "PLAYED | ", "SKIPPED | ", "PREEMPTED | "})
    void plays(String outcome, String expected) {
        PlayRecord p = new PlayRecord("r", 5, "i", null, null, List.of(), "NORMAL", T, null, null, outcome, "", null, null,
                T, null, null);
        assertThat(WebhookEvent.of(new ExchangeRecord.BroadcastLogEntry(p))).containsExactlyElementsOf(events(expected));
    }

    private static List<WebhookEvent> events(String text) {
        return text == null ? List.of() : Arrays.stream(text.trim().split(" +")).map(WebhookEvent::valueOf).toList();
    }
}
