package vn.loa.controller.area;

import java.time.LocalDate;

/**
 * When an area exists: from {@code from} (null: before Loa knew it) up to the day before {@code to}
 * (null: it exists today). Dates are Vietnamese calendar days, as resolutions give them.
 */
public record Lifespan(LocalDate from, LocalDate to) {
    public static final Lifespan ALWAYS = new Lifespan(null, null);

    public Lifespan {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("an area cannot end (" + to + ") before it begins (" + from + ")");
        }
    }

    public boolean contains(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || day.isBefore(to));
    }

    public boolean current() {
        return to == null;
    }
}
