package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;

/**
 * A bare agent for protocol tests: a plain socket speaking the Loa framing (varint32 length prefix +
 * protobuf Envelope) with protobuf's own delimited I/O, so it shares no code with the controller's
 * codec. A reader thread queues what arrives; reads wait with a bound, and end of stream is an event.
 */
final class RawAgent implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    /** What the reader saw: a message, or the end of the stream (with the I/O error if there was one). */
    private record Event(Envelope envelope, IOException error) {
        boolean isEnd() {
            return envelope == null;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final List<Envelope> skipped = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    private RawAgent(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        this.reader = Thread.ofVirtual().name("raw-agent-reader").start(() -> {
            try {
                while (true) {
                    Envelope e = Envelope.parseDelimitedFrom(in);
                    if (e == null) {
                        inbox.add(new Event(null, null));
                        return;
                    }
                    inbox.add(new Event(e, null));
                }
            } catch (IOException e) {
                inbox.add(new Event(null, e));
            }
        });
    }

    /**
     * What a raw test agent offers: everything but over-the-air updates ({@code ota.v1}), which it does not
     * implement — an agent offering it is sent the release key right after the welcome (docs/updates.md).
     */
    static final java.util.List<String> RAW_CAPABILITIES = ProtocolVersion.CAPABILITIES.stream()
            .filter(c -> !c.equals(ProtocolVersion.CAP_OTA_V1)).toList();

    static RawAgent connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setTcpNoDelay(true);
        return new RawAgent(s);
    }

    static Hello.Builder hello(long stationId, String secret) {
        return Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(RAW_CAPABILITIES)
                .setStationId(stationId).setSecret(secret).setAgentVersion("raw-test-agent");
    }

    void send(Envelope envelope) throws IOException {
        envelope.writeDelimitedTo(out);
        out.flush();
    }

    void sendHello(Hello.Builder hello) throws IOException {
        send(Envelope.newBuilder().setRequestId(1).setHello(hello).build());
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message; fails when the stream ends or nothing comes within the bound. */
    Envelope next(Duration timeout) throws InterruptedException {
        Event e = poll(timeout);
        if (e == null) {
            fail("no message from the controller within " + timeout);
        }
        if (e.isEnd()) {
            ended = true;
            fail("the controller closed the connection" + (e.error() != null ? ": " + e.error() : ""));
        }
        return e.envelope();
    }

    /** The next message of that kind, skipping (and remembering) others; fails on end of stream or time-out. */
    Envelope next(Envelope.KindCase kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no " + kind + " within " + timeout + "; got only " + kinds(skipped));
            }
            Envelope e = next(Duration.ofNanos(left));
            if (e.getKindCase() == kind) {
                return e;
            }
            skipped.add(e);
        }
    }

    Envelope next(Envelope.KindCase kind) throws InterruptedException {
        return next(kind, WAIT);
    }

    /**
     * Waits for the controller to close the connection, collecting what it sent before; fails when the
     * connection is still open after the bound.
     */
    List<Envelope> awaitClosed(Duration timeout) throws InterruptedException {
        List<Envelope> before = new ArrayList<>();
        if (ended) {
            return before;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left > 0 ? poll(Duration.ofNanos(left)) : null;
            if (e == null) {
                fail("the controller did not close the connection within " + timeout + "; it sent " + kinds(before));
            }
            if (e.isEnd()) {
                ended = true;
                return before;
            }
            before.add(e.envelope());
        }
    }

    private Event poll(Duration timeout) throws InterruptedException {
        return inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static List<String> kinds(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> e.getKindCase().name()).toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
