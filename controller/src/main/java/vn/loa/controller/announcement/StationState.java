package vn.loa.controller.announcement;

/** Where one target station is with an announcement. */
public enum StationState {
    PENDING, RECEIVING, PLAYING, DONE, FAILED, OFFLINE;

    public boolean terminal() {
        return this == DONE || this == FAILED || this == OFFLINE;
    }
}
