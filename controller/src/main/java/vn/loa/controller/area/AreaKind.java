package vn.loa.controller.area;

public enum AreaKind {
    PROVINCE, DISTRICT, COMMUNE, VILLAGE
}
