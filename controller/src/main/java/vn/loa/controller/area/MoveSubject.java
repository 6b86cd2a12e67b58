package vn.loa.controller.area;

/** What an area change moved from one area to another. */
public enum MoveSubject {
    STATION, ZONE
}
