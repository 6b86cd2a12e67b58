package vn.loa.hardware.serial;

import java.io.IOException;
import java.time.Duration;
import jssc.SerialPort;
import jssc.SerialPortException;
import jssc.SerialPortTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A serial port through jssc, 8 data bits, no parity, 1 stop bit. */
public final class JsscSerialLink implements SerialLink {
    private static final Logger log = LoggerFactory.getLogger(JsscSerialLink.class);

    private final SerialPort port;

    private JsscSerialLink(SerialPort port) {
        this.port = port;
    }

    public static SerialLink open(String name, int baud) throws IOException {
        SerialPort port = new SerialPort(name);
        try {
            port.openPort();
        } catch (SerialPortException e) {
            throw new IOException("cannot open " + name + ": " + e.getExceptionType(), e);
        }
        try {
            if (!port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE)) {
                // pseudo-terminals answer false although the settings apply; a real adapter does not
                log.debug("{}: setParams({}) answered false (normal on a pseudo-terminal)", name, baud);
            }
        } catch (SerialPortException e) {
            closeQuietlyAfter(port, e);
            throw new IOException("cannot set " + name + " to " + baud + " baud: " + e.getExceptionType(), e);
        }
        return new JsscSerialLink(port);
    }

    private static void closeQuietlyAfter(SerialPort port, SerialPortException cause) {
        try {
            port.closePort();
        } catch (SerialPortException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        try {
            if (!port.writeBytes(data)) {
                throw new IOException(port.getPortName() + ": write failed");
            }
        } catch (SerialPortException e) {
            throw new IOException(port.getPortName() + ": write failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public byte[] read(int count, Duration timeout) throws IOException {
        try {
            return port.readBytes(count, (int) Math.max(1, timeout.toMillis()));
        } catch (SerialPortTimeoutException e) {
            throw new SerialTimeoutException(port.getPortName() + ": no answer within " + timeout.toMillis() + " ms");
        } catch (SerialPortException e) {
            throw new IOException(port.getPortName() + ": read failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        try {
            int waiting = port.getInputBufferBytesCount();
            if (waiting > 0) {
                port.readBytes(waiting);
            }
        } catch (SerialPortException e) {
            throw new IOException(port.getPortName() + ": cannot clear the input: " + e.getExceptionType(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            port.closePort();
        } catch (SerialPortException e) {
            throw new IOException(port.getPortName() + ": close failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public String toString() {
        return "serial " + port.getPortName();
    }
}
