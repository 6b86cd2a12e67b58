package vn.loa.controller.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.media.PcmSource;
import vn.loa.controller.media.WavDecoder;

/**
 * Streams a WAV file to a live announcement as if it were spoken now: 20 ms of mono 16-bit PCM per
 * WebSocket message, paced in real time (a studio feed, or a test of the live path).
 */
public final class LiveSender {
    private LiveSender() {
    }

    /** @return the number of samples sent */
    public static long stream(URI base, String token, long announcementId, Path wav) throws IOException,
            InterruptedException {
        return stream(HttpClient.newHttpClient(), base, token, announcementId, wav);
    }

    /**
     * How long to stay silent before the file when the stations play a chime first: the stations skip what
     * arrives while their chime plays (so that the chime adds nothing to the live delay), and the built-in
     * chime lasts about 3.1 s.
     */
    public static final Duration CHIME_WAIT = Duration.ofMillis(3_500);

    /** With a client of the caller's (e.g. one that trusts the controller's self-signed HTTPS certificate). */
    public static long stream(HttpClient http, URI base, String token, long announcementId, Path wav)
            throws IOException, InterruptedException {
        return stream(http, base, token, announcementId, wav, Duration.ZERO);
    }

    /** @param silenceFirst silence sent before the file ({@link #CHIME_WAIT} after a chime) */
    public static long stream(HttpClient http, URI base, String token, long announcementId, Path wav,
            Duration silenceFirst) throws IOException, InterruptedException {
        return streamTimed(http, base, token, announcementId, wav, silenceFirst).samples();
    }

    /** What was sent: the samples (silence included), and when the first one was "spoken" (the wall clock). */
    public record Sent(long samples, java.time.Instant firstSampleAt) {
    }

    /** As {@link #stream(HttpClient, URI, String, long, Path, Duration)}, telling when it began (delay measurements). */
    public static Sent streamTimed(HttpClient http, URI base, String token, long announcementId, Path wav,
            Duration silenceFirst) throws IOException, InterruptedException {
        PcmSource pcm;
        try {
            pcm = new WavDecoder().open(wav);
        } catch (MediaRejectedException e) {
            throw new IOException(wav + ": " + e.reason(), e);
        }
        try (pcm) {
            int rate = pcm.sampleRate();
            int channels = pcm.channels();
            URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/v1/announcements/" + announcementId
                    + "/live?rate=" + rate);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicReference<String> closedBy = new java.util.concurrent.atomic.AtomicReference<>();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).buildAsync(ws, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closedBy.set(statusCode + " " + reason);
                            closed.complete(null);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).join();
            Link link = new Link(socket, closed, closedBy, base, announcementId);
            int chunk = rate / 50;
            ByteBuffer out = ByteBuffer.allocate(chunk * 2).order(ByteOrder.LITTLE_ENDIAN);
            long sent = 0;
            java.time.Instant firstSampleAt = java.time.Instant.now();
            long startNanos = System.nanoTime();
            long silent = silenceFirst.toMillis() * rate / 1000;
            for (long i = 0; i < silent; i++) {
                out.putShort((short) 0);
                if (!out.hasRemaining()) {
                    sent += flush(link, out, startNanos, sent, rate);
                }
            }
            float[] block;
            while ((block = pcm.nextBlock()) != null) {
                for (int i = 0; i + channels <= block.length; i += channels) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += block[i + c];
                    }
                    float v = Math.max(-1f, Math.min(1f, sum / channels));
                    out.putShort((short) Math.round(v * 32767));
                    if (!out.hasRemaining()) {
                        sent += flush(link, out, startNanos, sent, rate);
                    }
                }
            }
            if (out.position() > 0) {
                sent += flush(link, out, startNanos, sent, rate);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "end").join();
            try {
                closed.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("the controller did not close the live socket: " + e, e);
            }
            return new Sent(sent, firstSampleAt);
        } catch (MediaRejectedException e) {
            throw new IOException(wav + ": " + e.reason(), e);
        }
    }

    /** An HTTP client that trusts exactly the certificate(s) in this PEM file (the controller's https.crt). */
    public static HttpClient trusting(Path pem) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(pem)) {
            var certs = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
            var store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var c : certs) {
                store.setCertificateEntry("controller-" + i++, c);
            }
            var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            var ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot trust " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The open live socket, and how it ended if the controller ended it. */
    private record Link(WebSocket socket, CompletableFuture<Void> closed,
            java.util.concurrent.atomic.AtomicReference<String> closedBy, URI controller, long announcementId) {
        /** A send failed or the controller closed the socket while audio was still to come. */
        LiveLinkLost lost(Throwable cause) {
            String why = closedBy.get() != null ? "the controller closed the socket (" + closedBy.get() + ")"
                    : cause != null ? String.valueOf(cause.getCause() != null ? cause.getCause() : cause)
                    : "the connection ended";
            return new LiveLinkLost(controller, announcementId, why, cause);
        }
    }

    private static int flush(Link link, ByteBuffer out, long startNanos, long sentBefore, int rate)
            throws LiveLinkLost {
        WebSocket socket = link.socket();
        if (link.closed().isDone()) {
            throw link.lost(link.closed().isCompletedExceptionally() ? link.closed().exceptionNow() : null);
        }
        out.flip();
        int samples = out.remaining() / 2;
        // real time: this chunk may go once the previous ones have "played"
        long due = startNanos + sentBefore * 1_000_000_000L / rate;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        ByteBuffer copy = ByteBuffer.allocate(out.remaining());
        copy.put(out).flip();
        try {
            socket.sendBinary(copy, true).join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            throw link.lost(e);
        }
        out.clear();
        return samples;
    }
}
