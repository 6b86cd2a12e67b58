package vn.loa.controller.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbound.OutboundRefused;

/**
 * Fetches a CAP {@code resource}'s audio under the one outbound policy (docs/security.md#outbound-requests): every
 * hop — the first request and each redirect — is checked by {@link OutboundPolicy#requireAllowed} right before it
 * connects; at most {@link Limits#maxRedirects()} redirects; the body is capped at {@link Limits#maxBytes()} and the
 * whole fetch at {@link Limits#timeout()}; the content type must be audio (or a generic binary type, the decoder
 * judging then); the {@code digest} the alert gives is checked (SHA-1 as CAP 1.2 says, or SHA-256, told apart by
 * length). Never throws for a bad resource: the answer is a {@link Result}, so that the caller can speak the text
 * instead and record why. Blocking; owns one HTTP client, closed by {@link #close()}.
 */
public final class CapAudioFetcher implements AutoCloseable {
    /** How much a resource may cost. */
    public record Limits(long maxBytes, Duration connectTimeout, Duration timeout, int maxRedirects) {
        public static final Limits DEFAULTS = new Limits(32L * 1024 * 1024, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 3);
    }

    /** Why a resource was not used. */
    public enum Reason {
        /** The outbound policy refused the address (or a redirect's). */
        URL_REFUSED,
        /** No answer, a broken connection, or the fetch took longer than the limit. */
        UNREACHABLE,
        /** An answer other than 200 (or a redirect without a place). */
        HTTP_STATUS,
        TOO_MANY_REDIRECTS,
        /** The content type is not audio. */
        NOT_AUDIO,
        TOO_LARGE,
        /** The file's hash differs from the alert's {@code digest} (or the digest has no known form). */
        DIGEST_MISMATCH,
        /** Fetched, but the decoder could not use it (reported by the caller). */
        UNDECODABLE
    }

    /** What came of one fetch. */
    public sealed interface Result {
    }

    /** The body, in a temporary file the caller deletes. */
    public record Fetched(Path file, String contentType, long bytes) implements Result {
    }

    public record Refused(Reason reason, String detail) implements Result {
    }

    private final OutboundPolicy policy;
    private final Limits limits;
    private final Path tmpDir;
    private final HttpClient http;

    public CapAudioFetcher(OutboundPolicy policy, Limits limits, Path tmpDir) {
        this.policy = policy;
        this.limits = limits;
        this.tmpDir = tmpDir;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout()).build();
    }

    /** Fetches {@code uri}; {@code digest} is the alert's hex hash of it, or null. */
    public Result fetch(URI uri, String digest) throws InterruptedException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        URI at = uri;
        for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
            try {
                policy.requireAllowed(at);
            } catch (OutboundRefused e) {
                return new Refused(Reason.URL_REFUSED, e.getMessage());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Refused(Reason.UNREACHABLE, "no complete answer within " + limits.timeout().toSeconds() + " s");
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(at).timeout(Duration.ofNanos(left))
                        .header("Accept", "audio/*").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException | IllegalArgumentException e) {
                return new Refused(Reason.UNREACHABLE, at.getHost() + ": " + e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                try {
                    response.body().close();
                } catch (IOException e) {
                    return new Refused(Reason.UNREACHABLE, at.getHost() + ": " + e);
                }
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    return new Refused(Reason.HTTP_STATUS, "HTTP " + status + " without a Location");
                }
                try {
                    at = at.resolve(location);
                } catch (IllegalArgumentException e) {
                    return new Refused(Reason.HTTP_STATUS, "HTTP " + status + " to an invalid Location: " + location);
                }
                continue;
            }
            return body(response, digest, deadline);
        }
        return new Refused(Reason.TOO_MANY_REDIRECTS, "more than " + limits.maxRedirects() + " redirects");
    }

    private Result body(HttpResponse<InputStream> response, String digest, long deadline) throws InterruptedException {
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                return new Refused(Reason.HTTP_STATUS, "HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!acceptableType(type)) {
                return new Refused(Reason.NOT_AUDIO, "content type '" + type + "' is not audio");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxBytes()) {
                return new Refused(Reason.TOO_LARGE, declared + " bytes, more than " + limits.maxBytes());
            }
            return copy(in, type, digest, deadline);
        } catch (IOException e) {
            return new Refused(Reason.UNREACHABLE, "reading the answer: " + e);
        }
    }

    /** Copies the body to a temporary file, hashing it; a watchdog closes the stream at the deadline. */
    private Result copy(InputStream in, String type, String digest, long deadline) throws IOException, InterruptedException {
        Path file = Files.createTempFile(Files.createDirectories(tmpDir), "cap-resource-", ".bin");
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            late.set(true);
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is only to unblock the reader, which then reports the timeout
            }
        }, CompletableFuture.delayedExecutor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        boolean keep = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            MessageDigest sha1 = sha("SHA-1");
            MessageDigest sha256 = sha("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = read(in, buffer, late)) > 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    return new Refused(Reason.TOO_LARGE, "more than " + limits.maxBytes() + " bytes");
                }
                out.write(buffer, 0, n);
                sha1.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
            }
            if (late.get()) {
                return new Refused(Reason.UNREACHABLE, "no complete answer within " + limits.timeout().toSeconds() + " s");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Refused wrong = checkDigest(digest, sha1.digest(), sha256.digest());
            if (wrong != null) {
                return wrong;
            }
            keep = true;
            return new Fetched(file, type, total);
        } catch (IOException e) {
            if (late.get()) {
                return new Refused(Reason.UNREACHABLE, "no complete answer within " + limits.timeout().toSeconds() + " s");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int read(InputStream in, byte[] buffer, AtomicBoolean late) throws IOException {
        int n = in.read(buffer);
        return late.get() ? -1 : n;
    }

    /** The alert's digest against the file's: SHA-1 (40 hex digits, CAP 1.2) or SHA-256 (64); null when it matches. */
    static Refused checkDigest(String digest, byte[] sha1, byte[] sha256) {
        if (digest == null || digest.isBlank()) {
            return null;
        }
        String want = digest.strip().toLowerCase(Locale.ROOT);
        byte[] got = switch (want.length()) {
            case 40 -> sha1;
            case 64 -> sha256;
            default -> null;
        };
        if (got == null) {
            return new Refused(Reason.DIGEST_MISMATCH, "the digest '" + digest.strip()
                    + "' is neither a SHA-1 (40 hex digits) nor a SHA-256 (64)");
        }
        String actual = HexFormat.of().formatHex(got);
        return actual.equals(want) ? null : new Refused(Reason.DIGEST_MISMATCH,
                "the file's " + (got == sha1 ? "SHA-1" : "SHA-256") + " is " + actual + ", the alert says " + want);
    }

    /** Audio, or a generic binary type (servers often say so for MP3s); the decoder has the last word. */
    static boolean acceptableType(String contentType) {
        String t = contentType.split(";")[0].strip();
        return t.startsWith("audio/") || t.equals("application/octet-stream") || t.equals("binary/octet-stream");
    }

    private static MessageDigest sha(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
