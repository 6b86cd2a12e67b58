package vn.loa.controller.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import vn.loa.controller.alarm.Alarm;

/** The short Vietnamese text of an alarm for a phone (pure): what, where, when; at most 300 characters. */
public final class AlarmText {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM");
    static final int MAX = 300;

    private AlarmText() {
    }

    /** @param place the station's name (and area), or null for the controller's own alarms */
    public static String of(Alarm alarm, String place, Instant at) {
        String where = place == null ? "máy chủ Loa" : place;
        String urgent = PhoneRules.URGENT.contains(alarm.kind()) ? "KHẨN: " : "";
        String text = "[Loa] " + urgent + alarm.kind().vietnamese() + " – " + where + " – lúc "
                + TIME.format(at.atZone(VIETNAM)) + (alarm.detail() == null || alarm.detail().isBlank() ? ""
                : " (" + alarm.detail() + ")");
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
