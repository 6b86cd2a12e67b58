package vn.loa.controller.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import vn.loa.controller.outbox.HttpPush;
import vn.loa.controller.outbox.Signature;

/**
 * A receiving system as a test stands it in: a real HTTP server on loopback that checks each message's signature
 * (401 when wrong), keeps each idempotency key once, and counts how often each key arrived. It can go down and come
 * back on the same port.
 */
public final class FakeUpstream implements AutoCloseable {
    /** One message it took. */
    public record Received(String key, String body) {
    }

    private final String secret;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final int port;
    private HttpServer server;

    public FakeUpstream(String secret) throws IOException {
        this(secret, 0);
    }

    private FakeUpstream(String secret, int port) throws IOException {
        this.secret = secret;
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String key = ex.getRequestHeaders().getFirst(HttpPush.IDEMPOTENCY_HEADER);
        int status;
        if (!Signature.verify(secret, body, ex.getRequestHeaders().getFirst(Signature.HEADER))) {
            refused.incrementAndGet();
            status = 401;
        } else if (key == null) {
            status = 400;
        } else {
            if (deliveries.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() == 0) {
                accepted.add(new Received(key, new String(body, StandardCharsets.UTF_8)));
            }
            status = 200;
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/loa/exchange";
    }

    public void down() {
        server.stop(0);
        server = null;
    }

    public void up() throws IOException {
        server = bind(port);
    }

    /** How many times a key arrived with a good signature. */
    public int deliveries(String key) {
        AtomicInteger n = deliveries.get(key);
        return n == null ? 0 : n.get();
    }

    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
