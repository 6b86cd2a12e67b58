package vn.loa.controller.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;

/** A hand-driven agent connection: length-prefixed envelopes over a plain socket, every read bounded. */
final class Wire implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Wire connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setTcpNoDelay(true);
        return new Wire(s);
    }

    static Hello.Builder hello(long stationId, String secret) {
        return Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(ProtocolVersion.CAPABILITIES)
                .setStationId(stationId).setSecret(secret).setAgentVersion("resilience-test");
    }

    void send(Envelope e) throws IOException {
        e.writeDelimitedTo(out);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next envelope within {@code wait}; empty when the controller closed the connection. */
    Optional<Envelope> read(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return Optional.ofNullable(Envelope.parseDelimitedFrom(in));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the controller within " + wait, e);
        } catch (java.net.SocketException e) {
            return Optional.empty(); // reset by the controller
        }
    }

    /** The next envelope of the given kind within {@code wait}, skipping others. */
    Envelope await(Envelope.KindCase kind, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Envelope e = read(Duration.ofMillis(left)).orElseThrow(
                    () -> new AssertionError("connection closed while waiting for " + kind));
            if (e.getKindCase() == kind) {
                return e;
            }
        }
    }

    /** True when the controller closes the connection within {@code wait} (frames before the close are skipped). */
    boolean closedWithin(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
