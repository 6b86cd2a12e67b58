package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The controller's HTTP API as the benchmarks use it; every call bounded by a 60 s timeout. */
public final class Api {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String token;

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public String token() {
        return token;
    }

    public HttpClient http() {
        return http;
    }

    public ObjectMapper json() {
        return json;
    }

    public void signIn(String user, String password) throws IOException, InterruptedException {
        token = call("POST", "/api/v1/session", Map.of("username", user, "password", password), 200).get("token").asText();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, 200);
    }

    public JsonNode post(String path, Object body, int expected) throws IOException, InterruptedException {
        return call("POST", path, body, expected);
    }

    public JsonNode call(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + " (expected " + expected + "): "
                    + r.body());
        }
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }

    /** Uploads a WAV file as a bulletin; its id. */
    public long uploadBulletin(String title, byte[] wav) throws IOException, InterruptedException {
        String boundary = "bench" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.wav\"\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(wav);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bulletins"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("upload refused: " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body()).get("id").asLong();
    }
}
