package vn.loa.controller.area;

/** A node of the area tree: province → [district] → commune → village. */
public record Area(long id, Long parentId, String name, AreaKind kind, String code, Double latitude,
        Double longitude) {
}
