package vn.loa.controller.command;

/** A command for a station that is not connected now: commands are live actions, never queued. */
public final class StationOfflineException extends RuntimeException {
    public StationOfflineException(long stationId) {
        super("station " + stationId + " is offline; remote commands need the station connected");
    }

    /** Connected, but its agent is too old to take remote commands. */
    public StationOfflineException(long stationId, String why) {
        super("station " + stationId + ": " + why);
    }
}
