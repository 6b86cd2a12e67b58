package vn.loa.hardware;

import java.time.Clock;

/**
 * Where the station's audio goes. One stream at a time: {@link #open}, optionally {@link #startAt},
 * any number of {@link #write}s (which block at the pace of the device, as a sound card does), then
 * {@link #close} (which drains what is buffered).
 */
public interface AudioOutput {
    /**
     * @param label names the stream in logs and recordings (e.g. the plan item id)
     */
    void open(PcmFormat format, String label) throws HardwareException;

    /**
     * Lets the card time the stream's start, as a sample-accurate player does: the device starts playing
     * silence now, {@link StartSilence#frames counted in samples} at its rate up to {@code epochMicros},
     * so the first sample of the next {@link #write} sounds on that instant to the sample, however late
     * the writing thread comes afterwards, as long as it comes before the silence has played out (then
     * the device runs dry and the content starts when it arrives). Called after {@link #open} and
     * before the first {@code write}, at most once per stream, shortly before the instant.
     *
     * @param epochMicros the instant the first sample must sound, on {@code clock}
     * @param clock       the clock the instant is on (the station's synchronised clock)
     * @return true when the silence is playing and the content will start on the instant; false when
     *         the instant has passed, is more than {@link StartSilence#MAX_LEAD_US} ahead, or the output
     *         cannot time a start (the default): nothing was written, the caller times the start itself
     */
    default boolean startAt(long epochMicros, Clock clock) throws HardwareException {
        return false;
    }

    /** Interleaved samples; blocks until the device has room. */
    void write(short[] samples, int offset, int length) throws HardwareException;

    /** Drains and closes the current stream; does nothing when none is open. */
    void close() throws HardwareException;

    /**
     * The levels of the current stream so far, or of the last one once closed, as sent to the device
     * (after gain and fades): figures a play report can carry. {@link AudioLevels#NONE} when the
     * output does not measure.
     */
    default AudioLevels levels() {
        return AudioLevels.NONE;
    }
}
