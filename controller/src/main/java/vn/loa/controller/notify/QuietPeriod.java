package vn.loa.controller.notify;

import java.time.LocalTime;

/** A daily period, Vietnam time, in which non-urgent alarms are not sent; {@code from > to} crosses midnight. */
public record QuietPeriod(LocalTime from, LocalTime to) {
    public boolean contains(LocalTime t) {
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }
}
