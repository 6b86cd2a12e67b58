package vn.loa.controller.area;

import java.time.LocalDate;

/** A station or zone left {@code fromAreaId} for {@code toAreaId} on {@code effective} (a zone's may be null). */
public record AreaMove(MoveSubject subject, long subjectId, Long fromAreaId, Long toAreaId, LocalDate effective) {
}
