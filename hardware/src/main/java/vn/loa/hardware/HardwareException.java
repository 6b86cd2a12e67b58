package vn.loa.hardware;

/** A device did not do what it was told (unplugged board, timeout, read-back mismatch, …). */
public class HardwareException extends Exception {
    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
