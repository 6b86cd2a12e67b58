package vn.loa.agent.arbiter;

/**
 * A stream that was interrupted and waits to go on.
 *
 * @param samplesPlayed samples per channel played (or skipped) from the stream's start when it stopped
 * @param sinceMs       when it stopped (station clock)
 */
public record Suspension(Cause by, long samplesPlayed, long sinceMs) {
}
