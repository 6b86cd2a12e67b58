package vn.loa.controller.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbound.OutboundRefused;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Fetches an inbound bulletin's audio from its URL into a file: only where the outbound policy allows
 * (docs/security.md#outbound-requests), no redirects, at most {@code maxBytes}.
 */
public final class AudioFetch {
    private final OutboundPolicy policy;
    private final long maxBytes;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public AudioFetch(OutboundPolicy policy, long maxBytes) {
        this.policy = policy;
        this.maxBytes = maxBytes;
    }

    /**
     * @throws vn.loa.controller.rejection.Rejection URL_* when the address is refused, AUDIO_FETCH_FAILED when
     *                                               nothing usable came back
     */
    public void fetch(String url, Path into) throws InterruptedException {
        URI uri = policy.check("audioUrl", url);
        try {
            policy.requireAllowed(uri);
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(into)) {
                if (r.statusCode() != 200) {
                    throw RejectionCode.AUDIO_FETCH_FAILED.reject("HTTP " + r.statusCode());
                }
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw RejectionCode.AUDIO_FETCH_FAILED.reject("larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (OutboundRefused e) {
            throw RejectionCode.URL_NOT_ALLOWED.reject("audioUrl", uri.getHost());
        } catch (IOException e) {
            throw RejectionCode.AUDIO_FETCH_FAILED.reject(e.getClass().getSimpleName());
        }
    }
}
