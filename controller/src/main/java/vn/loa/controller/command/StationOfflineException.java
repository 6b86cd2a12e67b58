package vn.loa.controller.command;

/** A command for a station that is not connected now: commands are live actions, never queued. */
public final class StationOfflineException extends RuntimeException {
    public StationOfflineException(long stationId) {
        super("station " + stationId + " is offline; remote commands need the station connected");
    }
}
