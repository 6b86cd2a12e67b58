package vn.loa.hardware.serial;

import java.io.IOException;

/** The device did not send the expected bytes in time. */
public class SerialTimeoutException extends IOException {
    public SerialTimeoutException(String message) {
        super(message);
    }
}
