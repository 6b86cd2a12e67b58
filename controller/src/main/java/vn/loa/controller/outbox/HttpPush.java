package vn.loa.controller.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import vn.loa.controller.outbound.OutboundPolicy;

/**
 * POSTs a message as JSON with its idempotency key and signature. The address is checked against the outbound
 * policy right before each attempt (docs/security.md#outbound-requests); redirects are never followed.
 */
public final class HttpPush implements Push {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final OutboundPolicy policy;
    private final HttpClient client;
    private final Duration timeout;

    public HttpPush(OutboundPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    @Override
    public int send(URI url, String idempotencyKey, String signature, byte[] body)
            throws IOException, InterruptedException {
        policy.requireAllowed(url);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "loa-controller")
                .header(IDEMPOTENCY_HEADER, idempotencyKey)
                .header(Signature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
