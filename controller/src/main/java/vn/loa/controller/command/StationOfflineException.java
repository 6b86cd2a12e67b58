package vn.loa.controller.command;

import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;

/**
 * A command for a station that is not connected now (commands are live actions, never queued), or whose agent
 * cannot take it; {@link #problem()} is how the API refuses it.
 */
public final class StationOfflineException extends RuntimeException {
    private final transient Problem problem;

    public StationOfflineException(long stationId) {
        this(RejectionCode.STATION_OFFLINE.problem(stationId));
    }

    /** Connected, but its agent is too old for this: {@code code} takes the station id as its one parameter. */
    public StationOfflineException(long stationId, RejectionCode code) {
        this(code.problem(stationId));
    }

    private StationOfflineException(Problem problem) {
        super(problem.english());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
