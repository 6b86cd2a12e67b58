package vn.loa.controller.area;

import java.time.LocalDate;

/** {@code predecessorId} ended on {@code effective}; {@code successorId} took over (some of) what it had. */
public record Succession(long predecessorId, long successorId, LocalDate effective) {
}
