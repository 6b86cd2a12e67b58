package vn.loa.controller.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injecting TCP proxy for tests: listens on a free loopback port and forwards each connection
 * to a target port, both directions, chunk by chunk, on threads it owns. Faults, applied to the links
 * it carries:
 * <ul>
 * <li>{@link #latency}: each chunk is delivered this long after it was read (order kept);</li>
 * <li>{@link #throttle}: controller-to-agent bytes at most this many per second (a slow 4G link);</li>
 * <li>{@link #drop}: closes both sides of every current link (FIN);</li>
 * <li>{@link #reset}: closes both sides with SO_LINGER 0 (RST);</li>
 * <li>{@link #blackHole}: the current links stop forwarding in both directions and stay open — what
 * arrives is read and discarded, a side that closes is not told to the other (a half-open link: a dead
 * modem, a cut cable); links accepted later forward normally;</li>
 * <li>{@link #resume}: the current links forward again.</li>
 * </ul>
 * {@link #close} stops every thread and closes every socket.
 */
final class FaultProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    private static final int CHUNK_BYTES = 8 * 1024;
    /** Chunks held per direction before the reader stops reading (back pressure to the sender). */
    private static final int QUEUE_CHUNKS = 4;

    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long latencyNanos;
    private volatile long downstreamBytesPerSecond;
    private volatile boolean closed;

    private FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("fault-proxy-accept").start(this::acceptLoop);
    }

    /** A proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
    static FaultProxy to(int targetPort) throws IOException {
        return new FaultProxy(targetPort);
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections the proxy accepted so far (a reconnecting agent makes a new one). */
    int connectionsAccepted() {
        return accepted.get();
    }

    /** Links open now (both sides not yet closed). */
    int openLinks() {
        return (int) links.stream().filter(l -> !l.isClosed()).count();
    }

    void latency(Duration d) {
        latencyNanos = d.toNanos();
    }

    /** Controller-to-agent bandwidth in bytes per second; 0 = unlimited. */
    void throttle(long bytesPerSecond) {
        downstreamBytesPerSecond = bytesPerSecond;
    }

    void drop() {
        links.forEach(l -> l.close(false));
    }

    void reset() {
        links.forEach(l -> l.close(true));
    }

    void blackHole() {
        links.forEach(l -> l.blackHoled = true);
    }

    void resume() {
        links.forEach(l -> l.blackHoled = false);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("fault proxy: accept failed: {}", e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                // a small receive buffer, so a throttled download is held back at the controller, not here
                upstream.setReceiveBufferSize(32 * 1024);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                log.warn("fault proxy: cannot reach 127.0.0.1:{}: {}", targetPort, e.toString());
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Link link = new Link(client, upstream);
            links.add(link);
            links.removeIf(Link::isClosed);
            link.start();
        }
    }

    private record Chunk(long deliverAt, byte[] data) {
    }

    /** One proxied connection: an agent socket, a controller socket and two directions. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean blackHoled;
        private volatile boolean linkClosed;
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            direction("up", client, upstream, false);
            direction("down", upstream, client, true);
        }

        boolean isClosed() {
            return linkClosed;
        }

        private void direction(String name, Socket from, Socket to, boolean downstream) {
            BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
            threads.add(Thread.ofVirtual().name("fault-proxy-" + name + "-read").start(() -> {
                byte[] buf = new byte[CHUNK_BYTES];
                long last = 0;
                try (InputStream in = from.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (blackHoled) {
                            continue; // lost on the way
                        }
                        // stamped with its delivery time; never before the chunk ahead of it (order kept)
                        long at = Math.max(System.nanoTime() + latencyNanos, last);
                        last = at;
                        queue.put(new Chunk(at, Arrays.copyOf(buf, n)));
                    }
                } catch (IOException | InterruptedException e) {
                    log.debug("fault proxy {}: reading ended: {}", name, e.toString());
                }
                ended(from);
            }));
            threads.add(Thread.ofVirtual().name("fault-proxy-" + name + "-write").start(() -> {
                long nextFree = 0;
                try (OutputStream out = to.getOutputStream()) {
                    while (!linkClosed) {
                        Chunk chunk = queue.poll(200, TimeUnit.MILLISECONDS);
                        if (chunk == null) {
                            continue;
                        }
                        long at = chunk.deliverAt();
                        long rate = downstream ? downstreamBytesPerSecond : 0;
                        if (rate > 0) {
                            at = Math.max(at, nextFree);
                            nextFree = at + chunk.data().length * 1_000_000_000L / rate;
                        }
                        parkUntil(at);
                        if (!blackHoled) {
                            out.write(chunk.data());
                            out.flush();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    log.debug("fault proxy {}: writing ended: {}", name, e.toString());
                    ended(to);
                }
            }));
        }

        /**
         * One side ended (FIN, RST, or closed here): the other side is told, unless the link is black-holed,
         * where only this side is closed and the other stays half-open.
         */
        private void ended(Socket side) {
            if (!blackHoled) {
                close(false);
                return;
            }
            closeQuietly(side);
            if (client.isClosed() && upstream.isClosed()) {
                close(false);
            }
        }

        void close(boolean reset) {
            linkClosed = true;
            for (Socket s : List.of(client, upstream)) {
                if (reset) {
                    try {
                        s.setSoLinger(true, 0);
                    } catch (SocketException e) {
                        log.debug("fault proxy: SO_LINGER on a closed socket: {}", e.toString());
                    }
                }
                closeQuietly(s);
            }
            threads.forEach(Thread::interrupt);
        }
    }

    private static void parkUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("fault proxy: closing a socket: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("fault proxy: closing the listening socket: {}", e.toString());
        }
        links.forEach(l -> l.close(false));
        acceptor.interrupt();
    }
}
