package vn.loa.hardware.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.HardwareException;

/**
 * One board's port, opened on first use. When the board fails (unplugged, no answer) the port is
 * closed and reopened on a later command: not before a backoff that doubles after each failure
 * (from {@code backoffMin} to {@code backoffMax}); a command that comes sooner fails at once, naming
 * the last error. The first success resets the backoff.
 *
 * <p>Boards that share the port (Modbus boards on one RS-485 bus) take its {@link #lock} for each
 * request and its answer, so the player and the idle probe never interleave frames. Once closed, the
 * port stays closed: nothing reopens it during shutdown, and the next agent finds it free.
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
    /** Held for one exchange on the port (a request and its answer); a lock, not a monitor: it is held across I/O. */
    private final ReentrantLock exchange = new ReentrantLock();
    private final ReentrantLock state = new ReentrantLock();
    private SerialLink link;
    private Duration backoff = Duration.ZERO;
    private long nextAttemptMs = Long.MIN_VALUE;
    private String lastError;
    private boolean closed;

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

    /** Taken by a board around one request and its answer. */
    public void lock() {
        exchange.lock();
    }

    public void unlock() {
        exchange.unlock();
    }

    /**
     * Whether the port's device node is there (a USB adapter that is unplugged loses it, a pseudo-terminal
     * whose other side ended too); a port the station cannot see is not there.
     */
    public boolean present() {
        return Files.exists(Path.of(port));
    }

    /** The open link, opening it when needed. */
    public SerialLink link() throws HardwareException {
        state.lock();
        try {
            if (closed) {
                throw new HardwareException(label + " on " + port + ": the port is closed (the station is stopping)");
            }
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
        } finally {
            state.unlock();
        }
    }

    /** The board answered: forget earlier failures. */
    public void succeeded() {
        state.lock();
        try {
            if (lastError != null) {
                log.info("{} on {} works again", label, port);
            }
            backoff = Duration.ZERO;
            nextAttemptMs = Long.MIN_VALUE;
            lastError = null;
        } finally {
            state.unlock();
        }
    }

    /**
     * The board failed: close the port; it is reopened after the backoff. The first failure is a warning;
     * repeats of it (the idle probe retrying a dead board) are only logged at debug level.
     */
    public void failed(String reason) {
        state.lock();
        try {
            closeLink();
            boolean first = lastError == null;
            backoff = backoff.isZero() ? backoffMin : min(backoff.multipliedBy(2), backoffMax);
            nextAttemptMs = clock.millis() + backoff.toMillis();
            lastError = reason;
            if (first) {
                log.warn("{} on {} failed: {}; reopening in {} ms", label, port, reason, backoff.toMillis());
            } else {
                log.debug("{} on {} failed again: {}; reopening in {} ms", label, port, reason, backoff.toMillis());
            }
        } finally {
            state.unlock();
        }
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

    /** Closes the port for good: nothing reopens it afterwards. Idempotent. */
    @Override
    public void close() {
        state.lock();
        try {
            closed = true;
            closeLink();
        } finally {
            state.unlock();
        }
    }
}
