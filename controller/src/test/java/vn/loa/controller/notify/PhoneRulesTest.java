package vn.loa.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmState;

/** Alarms to phones, the pure parts, table-driven: who gets what when, quiet periods, the text. */
class PhoneRulesTest {

    @ParameterizedTest(name = "{0} {1}, in area {2}, quiet {3}-{4}, at {5} → {6}")
    @CsvSource(delimiter = '|', value = {
            "DISK_LOW        | RAISED       | true  |       |       | 23:00 | SEND",
            "DISK_LOW        | RAISED       | true  | 22:00 | 06:00 | 23:00 | QUIET_PERIOD",
            "DISK_LOW        | RAISED       | true  | 22:00 | 06:00 | 05:59 | QUIET_PERIOD",
            "DISK_LOW        | RAISED       | true  | 22:00 | 06:00 | 06:00 | SEND",
            "DISK_LOW        | RAISED       | true  | 12:00 | 13:30 | 12:45 | QUIET_PERIOD",
            "DISK_LOW        | RAISED       | true  | 12:00 | 13:30 | 21:00 | SEND",
            "DISK_LOW        | RECURRED     | true  | 22:00 | 06:00 | 12:00 | SEND",
            "STATION_OFFLINE | RAISED       | true  | 22:00 | 06:00 | 23:00 | SEND",
            "AMPLIFIER_FAULT | RAISED       | true  | 22:00 | 06:00 | 02:00 | SEND",
            "MAINS_LOST      | RAISED       | true  | 22:00 | 06:00 | 02:00 | SEND",
            "STATION_OFFLINE | RAISED       | false |       |       | 12:00 | OUTSIDE_AREA",
            "STATION_OFFLINE | CLEARED      | true  |       |       | 12:00 | NOT_A_NEW_ALARM",
            "STATION_OFFLINE | RETURNED     | true  |       |       | 12:00 | NOT_A_NEW_ALARM",
            "STATION_OFFLINE | ACKNOWLEDGED | true  |       |       | 12:00 | NOT_A_NEW_ALARM"})
    void decide(AlarmKind kind, String event, boolean inArea, String from, String to, String at,
            PhoneRules.Decision expected) {
        QuietPeriod quiet = from == null ? null : new QuietPeriod(LocalTime.parse(from), LocalTime.parse(to));
        assertThat(PhoneRules.decide(kind, event, inArea, quiet, LocalTime.parse(at))).isEqualTo(expected);
    }

    @Test
    void theTextIsShortVietnameseWithWhatWhereAndWhen() {
        Alarm a = new Alarm(9, 5, AlarmKind.STATION_OFFLINE, "", AlarmState.ACTIVE, true, "không có tín hiệu 90 giây",
                Instant.parse("2026-12-07T14:05:00Z"), null, null, null, null, null, 1);
        assertThat(AlarmText.of(a, "Đài xã Đội Cấn (Xã Đội Cấn)", Instant.parse("2026-12-07T14:05:00Z")))
                .isEqualTo("[Loa] KHẨN: Đài mất kết nối – Đài xã Đội Cấn (Xã Đội Cấn) – lúc 21:05 07/12 "
                        + "(không có tín hiệu 90 giây)");
        Alarm disk = new Alarm(10, 0, AlarmKind.OUTBOUND_ENDPOINT_DOWN, "1", AlarmState.ACTIVE, true, "x".repeat(400),
                Instant.parse("2026-12-07T14:05:00Z"), null, null, null, null, null, 1);
        String text = AlarmText.of(disk, null, Instant.parse("2026-12-07T14:05:00Z"));
        assertThat(text).startsWith("[Loa] Không gửi được dữ liệu tới hệ thống ngoài – máy chủ Loa – lúc 21:05 07/12")
                .hasSize(AlarmText.MAX).endsWith("…");
    }
}
