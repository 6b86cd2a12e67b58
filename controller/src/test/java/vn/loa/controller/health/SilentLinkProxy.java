package vn.loa.controller.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between an agent and the controller that can go silent: after
 * {@link #freeze()} it forwards nothing in either direction and closes nothing — no FIN, no RST, as
 * when a 4G modem dies or a cable is cut. Only {@link #close()} releases the sockets.
 */
final class SilentLinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean closed;

    SilentLinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().name("proxy-up").start(() -> pump(client, upstream));
                Thread.ofVirtual().name("proxy-down").start(() -> pump(upstream, client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy: accept failed: " + e);
                }
                return;
            }
        }
    }

    /** Copies until frozen; once frozen, reads and drops (so the sender never sees back-pressure or a close). */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (!frozen) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
            if (!frozen) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // the proxy is closing, or the peer reset: either way this direction is done
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
