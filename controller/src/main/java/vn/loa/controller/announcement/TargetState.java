package vn.loa.controller.announcement;

/**
 * Where one target station is with an announcement, as the controller knows it; immutable, replaced on
 * each change (by {@link StationTracker}).
 *
 * @param startAtMs   the station's start instant (the common one, or its own when it joined late)
 * @param startedAtMs when it said it started playing (0: not yet)
 * @param endedAtMs   when it ended, or the controller gave it up (0: not yet)
 * @param attempt     how many times it was (re)joined; a lost link of an earlier attempt is no news
 */
record TargetState(StationState state, long startAtMs, long startedAtMs, long endedAtMs, String reason, int underruns,
        int attempt) {
    /** A target whose link closed while it played; it rejoins when it reconnects. */
    static final String LINK_LOST = "LINK_LOST";
    static final String JOINED_LATE = "JOINED_LATE";

    static TargetState initial(StationState state) {
        return new TargetState(state, 0, 0, 0, "", 0, 0);
    }

    boolean linkLost() {
        return state == StationState.FAILED && LINK_LOST.equals(reason);
    }

    TargetState startingAt(long atMs) {
        return new TargetState(state, atMs, startedAtMs, endedAtMs, reason, underruns, attempt);
    }

    /** What the station said: its state and underruns; when it started, or when and why it ended. */
    TargetState reported(StationState now, long atMs, String why, int underrunCount) {
        long started = now == StationState.PLAYING ? atMs : startedAtMs;
        boolean ends = now != StationState.PLAYING && now.terminal();
        return new TargetState(now, startAtMs, started, ends ? atMs : endedAtMs, ends ? why : reason, underrunCount,
                attempt);
    }

    TargetState failed(String why, long atMs) {
        return new TargetState(StationState.FAILED, startAtMs, startedAtMs, atMs, why, underruns, attempt);
    }

    /** Joining late with its own start: pending again. */
    TargetState joining(long atMs) {
        return new TargetState(StationState.PENDING, atMs, startedAtMs, 0, JOINED_LATE, underruns, attempt + 1);
    }

    /** Back after its link was lost while it played: it plays on. */
    TargetState resumed() {
        return new TargetState(StationState.PLAYING, startAtMs, startedAtMs, 0, JOINED_LATE, underruns, attempt + 1);
    }
}
