package vn.loa.controller.relay;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily on-air window in local time, as minutes of the day: start inclusive, end exclusive. The end may be
 * {@code 24:00} (midnight at the end of the day); a window never crosses midnight.
 */
public record DailyWindow(int startMinute, int endMinute) {
    public static final int END_OF_DAY = 24 * 60;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)|24:00");

    public DailyWindow {
        if (startMinute < 0 || endMinute > END_OF_DAY || endMinute <= startMinute) {
            throw new IllegalArgumentException("a window runs from 00:00 to 24:00 and ends after it starts: "
                    + startMinute + ".." + endMinute);
        }
    }

    /** Minutes of the day of {@code HH:mm} (00:00–23:59, and 24:00 when {@code endOfDayAllowed}). */
    public static Optional<Integer> parseTime(String text, boolean endOfDayAllowed) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1) == null) {
            return endOfDayAllowed ? Optional.of(END_OF_DAY) : Optional.empty();
        }
        return Optional.of(Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)));
    }

    public static String format(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    public String start() {
        return format(startMinute);
    }

    public String end() {
        return format(endMinute);
    }

    public boolean overlaps(DailyWindow other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }
}
