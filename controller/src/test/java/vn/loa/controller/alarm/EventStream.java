package vn.loa.controller.alarm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A test client of the live-event stream: collects every line the controller sends. */
final class EventStream implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile Exception ended;

    EventStream(int port, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            status = r.statusCode();
            Thread.ofVirtual().name("sse-reader").start(() -> {
                try {
                    r.body().forEach(lines::add);
                } catch (java.io.UncheckedIOException e) {
                    ended = e; // the stream was closed (by the test, or the controller stopping)
                }
            });
        });
    }

    int status() {
        return status;
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        response.cancel(true);
        http.shutdownNow();
    }
}
