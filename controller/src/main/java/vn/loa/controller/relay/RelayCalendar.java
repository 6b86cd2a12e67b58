package vn.loa.controller.relay;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** When a relay is on air: its daily windows, on some days of the week, between two dates (inclusive). */
public record RelayCalendar(List<DailyWindow> windows, Set<DayOfWeek> days, LocalDate from, LocalDate until,
        ZoneId zone) {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int LOOK_AHEAD_DAYS = 366;

    public RelayCalendar {
        windows = windows.stream().sorted((a, b) -> Integer.compare(a.startMinute(), b.startMinute())).toList();
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** The window that contains this instant, if any. */
    public Optional<Occurrence> current(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if (!onAirDay(today)) {
            return Optional.empty();
        }
        return windows.stream().map(w -> on(today, w)).filter(o -> o.contains(now)).findFirst();
    }

    /** The next windows that have not ended yet (the current one first), at most {@code limit}. */
    public List<Occurrence> upcoming(Instant now, int limit) {
        List<Occurrence> out = new ArrayList<>();
        LocalDate day = now.atZone(zone).toLocalDate();
        if (day.isBefore(from)) {
            day = from;
        }
        for (int i = 0; i < LOOK_AHEAD_DAYS && out.size() < limit; i++, day = day.plusDays(1)) {
            if (until != null && day.isAfter(until)) {
                break;
            }
            if (!onAirDay(day)) {
                continue;
            }
            for (DailyWindow w : windows) {
                Occurrence o = on(day, w);
                if (o.end().isAfter(now) && out.size() < limit) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private boolean onAirDay(LocalDate day) {
        return !day.isBefore(from) && (until == null || !day.isAfter(until)) && days.contains(day.getDayOfWeek());
    }

    private Occurrence on(LocalDate day, DailyWindow w) {
        ZonedDateTime midnight = day.atStartOfDay(zone);
        Instant start = midnight.plusMinutes(w.startMinute()).toInstant();
        Instant end = w.endMinute() == DailyWindow.END_OF_DAY ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : midnight.plusMinutes(w.endMinute()).toInstant();
        return new Occurrence(start, end);
    }
}
