package vn.loa.agent.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams GPS time from gpsd to the station clock: connects to gpsd's JSON service, asks it to watch, and
 * hands every reading ({@link GpsdMessages}: GPS time minus the system clock) to a consumer. Reconnects
 * while the agent runs (gpsd may start after the agent, a receiver may be plugged in later). Owns one
 * virtual thread, stopped by {@link #close()}.
 */
public final class GpsdTime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpsdTime.class);
    static final Duration RETRY = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private final GpsdAddress address;
    private final LongSupplier systemMicros;
    private final LongConsumer offsets;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Socket socket;
    private volatile Thread thread;

    /**
     * @param systemMicros the system clock (the one the offsets are relative to), microseconds since the epoch
     * @param offsets      receives GPS time minus the system clock, in microseconds, on gpsd's thread
     */
    public GpsdTime(GpsdAddress address, LongSupplier systemMicros, LongConsumer offsets) {
        this.address = address;
        this.systemMicros = systemMicros;
        this.offsets = offsets;
    }

    public void start() {
        thread = Thread.ofVirtual().name("gpsd-" + address).start(this::run);
    }

    private void run() {
        boolean warned = false;
        while (stop.getCount() > 0) {
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MS);
                s.getOutputStream().write(GpsdMessages.watch().getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                log.info("gpsd at {}: connected, watching for GPS time", address);
                warned = false;
                read(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (stop.getCount() == 0) {
                    return;
                }
                if (!warned) {
                    log.warn("gpsd at {}: {} (no GPS time; trying again every {} s)", address, e.toString(),
                            RETRY.toSeconds());
                    warned = true;
                }
            } finally {
                socket = null;
            }
            try {
                if (stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            OptionalLong offset = GpsdMessages.offsetUs(line, systemMicros.getAsLong());
            if (offset.isPresent()) {
                offsets.accept(offset.getAsLong());
            }
        }
        throw new IOException("gpsd closed the connection");
    }

    @Override
    public void close() {
        stop.countDown();
        Socket s = socket;
        if (s != null) {
            try {
                s.close(); // unblocks the reader
            } catch (IOException e) {
                log.debug("gpsd at {}: closing: {}", address, e.toString());
            }
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
