package vn.loa.hardware.serial;

import java.io.IOException;
import java.time.Duration;

/** An open serial port: raw bytes out and in. */
public interface SerialLink extends AutoCloseable {
    void write(byte[] data) throws IOException;

    /** Exactly {@code count} bytes, or {@link SerialTimeoutException} when they do not come in time. */
    byte[] read(int count, Duration timeout) throws IOException;

    /** Drops whatever is waiting in the input buffer (a late answer to an earlier request). */
    void discardInput() throws IOException;

    @Override
    void close() throws IOException;
}
