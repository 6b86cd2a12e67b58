package vn.loa.hardware;

/**
 * Where the station's audio goes. One stream at a time: {@link #open}, any number of
 * {@link #write}s (which block at the pace of the device, as a sound card does), then
 * {@link #close} (which drains what is buffered).
 */
public interface AudioOutput {
    /**
     * @param label names the stream in logs and recordings (e.g. the plan item id)
     */
    void open(PcmFormat format, String label) throws HardwareException;

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
