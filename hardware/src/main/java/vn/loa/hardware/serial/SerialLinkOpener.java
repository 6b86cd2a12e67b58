package vn.loa.hardware.serial;

import java.io.IOException;

/** Opens a serial port by name (e.g. {@code /dev/ttyUSB0}, a udev symlink, a pseudo-terminal) at a baud rate. */
@FunctionalInterface
public interface SerialLinkOpener {
    SerialLinkOpener JSSC = JsscSerialLink::open;

    SerialLink open(String port, int baud) throws IOException;
}
