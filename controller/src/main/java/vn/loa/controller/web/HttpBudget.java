package vn.loa.controller.web;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HTTP port may take of the process, shared by every HTTP connection (docs/security.md#resource-
 * exhaustion): connections in total and per address, request-body bytes held in memory in total and per address.
 * Its counters are the gauges tests and metrics read: bounds are asserted on them, never on timings. The station
 * port is not counted here and keeps a reserve of file descriptors HTTP can never take ({@link Limits#of}).
 */
public final class HttpBudget {
    /**
     * @param maxConnections        HTTP connections at once, all addresses together
     * @param maxPerAddress         HTTP connections at once from one client address
     * @param maxBodyBytes          request-body bytes held in memory, all connections together
     * @param maxBodyBytesPerAddress request-body bytes held in memory for one client address
     * @param smallBody             the body limit of every route except uploads, and of uploads until signed in
     * @param uploadBody            the body limit of an upload route once its caller is signed in
     * @param headerDeadline        a request's head must arrive whole within this time of the connection opening
     *                              or of the previous answer
     * @param minBytesPerSecond     a body must arrive at least this fast (after {@code headerDeadline} of grace)
     * @param keepAliveIdle         how long a kept-alive connection may wait for its next request after an answer
     */
    public record Limits(int maxConnections, int maxPerAddress, long maxBodyBytes, long maxBodyBytesPerAddress,
            int smallBody, int uploadBody, Duration headerDeadline, int minBytesPerSecond, Duration keepAliveIdle) {

        /** Descriptors kept for station links, database and files: HTTP never takes the last ones. */
        public static final int STATION_RESERVE = 1024;

        /** The defaults for uploads up to {@code uploadBody} bytes, within this process's descriptor limit. */
        public static Limits of(int uploadBody) {
            long fds = 65_536;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
                fds = os.getMaxFileDescriptorCount();
            }
            int connections = (int) Math.max(64, Math.min(4096, fds - STATION_RESERVE));
            return new Limits(connections, 256, Math.max(64L << 20, 2L * uploadBody), Math.max(16L << 20, uploadBody),
                    16 * 1024, uploadBody, Duration.ofSeconds(10), 4 * 1024, Duration.ofSeconds(60));
        }
    }

    private final Limits limits;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong peakBodyBytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedLate = new AtomicLong();
    private final ConcurrentHashMap<InetAddress, PerAddress> byAddress = new ConcurrentHashMap<>();

    private static final class PerAddress {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicLong bodyBytes = new AtomicLong();
    }

    public HttpBudget(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Takes a connection slot; false (nothing taken) when the port or the address is full. */
    boolean openConnection(InetAddress address) {
        return openConnection(address, true);
    }

    /** @param capPerAddress false for a trusted proxy, whose connections carry many clients (the total cap holds) */
    boolean openConnection(InetAddress address, boolean capPerAddress) {
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        PerAddress a = byAddress.computeIfAbsent(address, k -> new PerAddress());
        if (a.connections.incrementAndGet() > limits.maxPerAddress() && capPerAddress) {
            a.connections.decrementAndGet();
            connections.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        return true;
    }

    void closeConnection(InetAddress address) {
        connections.decrementAndGet();
        byAddress.computeIfPresent(address, (k, a) -> a.connections.decrementAndGet() <= 0
                && a.bodyBytes.get() == 0 ? null : a);
    }

    /** Reserves body bytes about to be held in memory; false (nothing reserved) when over either cap. */
    boolean reserve(InetAddress address, long n) {
        PerAddress a = byAddress.computeIfAbsent(address, k -> new PerAddress());
        if (a.bodyBytes.addAndGet(n) > limits.maxBodyBytesPerAddress()) {
            a.bodyBytes.addAndGet(-n);
            return false;
        }
        long total = bodyBytes.addAndGet(n);
        if (total > limits.maxBodyBytes()) {
            bodyBytes.addAndGet(-n);
            a.bodyBytes.addAndGet(-n);
            return false;
        }
        peakBodyBytes.accumulateAndGet(total, Math::max);
        return true;
    }

    void release(InetAddress address, long n) {
        if (n == 0) {
            return;
        }
        bodyBytes.addAndGet(-n);
        PerAddress a = byAddress.get(address);
        if (a != null) {
            a.bodyBytes.addAndGet(-n);
        }
    }

    void countLate() {
        closedLate.incrementAndGet();
    }

    /** Gauge: HTTP connections open now. */
    public int connections() {
        return connections.get();
    }

    /** Gauge: request-body bytes held in memory now. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** Gauge: the most request-body bytes ever held at once. */
    public long peakBodyBytes() {
        return peakBodyBytes.get();
    }

    /** Counter: connections refused because the port or their address was full. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Counter: connections closed because a head missed its deadline or a body came too slowly. */
    public long closedForBeingLate() {
        return closedLate.get();
    }
}
