package vn.loa.hardware.serial;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.HardwareException;

/**
 * One board's port, opened on first use. When the board fails (unplugged, no answer) the port is
 * closed and reopened on a later command: not before a backoff that doubles after each failure
 * (from {@code backoffMin} to {@code backoffMax}); a command that comes sooner fails at once, naming
 * the last error. The first success resets the backoff.
 */
public final class SerialConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialConnection.class);

    private final String label;
    private final String port;
    private final int baud;
    private final SerialLinkOpener opener;
    private final Clock clock;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private SerialLink link;
    private Duration backoff = Duration.ZERO;
    private long nextAttemptMs = Long.MIN_VALUE;
    private String lastError;

    public SerialConnection(String label, String port, int baud, SerialLinkOpener opener, Clock clock,
            Duration backoffMin, Duration backoffMax) {
        this.label = label;
        this.port = port;
        this.baud = baud;
        this.opener = opener;
        this.clock = clock;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
    }

    public String port() {
        return port;
    }

    /** The open link, opening it when needed. */
    public synchronized SerialLink link() throws HardwareException {
        if (link != null) {
            return link;
        }
        long now = clock.millis();
        if (now < nextAttemptMs) {
            throw new HardwareException(label + " on " + port + " is unavailable (" + lastError + "); next try in "
                    + (nextAttemptMs - now) + " ms");
        }
        try {
            link = opener.open(port, baud);
        } catch (IOException e) {
            failed(e.getMessage());
            throw new HardwareException(label + " on " + port + " cannot be opened: " + e.getMessage(), e);
        }
        if (lastError != null) {
            log.info("{} on {} reopened", label, port);
        }
        return link;
    }

    /** The board answered: forget earlier failures. */
    public synchronized void succeeded() {
        backoff = Duration.ZERO;
        nextAttemptMs = Long.MIN_VALUE;
        lastError = null;
    }

    /** The board failed: close the port; it is reopened after the backoff. */
    public synchronized void failed(String reason) {
        closeLink();
        backoff = backoff.isZero() ? backoffMin : min(backoff.multipliedBy(2), backoffMax);
        nextAttemptMs = clock.millis() + backoff.toMillis();
        lastError = reason;
        log.warn("{} on {} failed: {}; reopening in {} ms", label, port, reason, backoff.toMillis());
    }

    private void closeLink() {
        if (link == null) {
            return;
        }
        try {
            link.close();
        } catch (IOException e) {
            log.warn("{} on {}: closing the port failed: {}", label, port, e.getMessage());
        } finally {
            link = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public synchronized void close() {
        closeLink();
    }
}
