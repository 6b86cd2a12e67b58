package vn.loa.controller.area;

import java.time.LocalDate;

/** An earlier state of an area (parent, name, code); it held until the day before {@code validTo}. */
public record AreaVersion(long areaId, Long parentId, String name, String code, LocalDate validTo) {
}
