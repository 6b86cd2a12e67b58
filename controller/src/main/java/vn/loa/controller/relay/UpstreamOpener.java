package vn.loa.controller.relay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;

/**
 * Connects to an upstream HTTP/Icecast stream and hands back its decoded audio: MP3 through JLayer in this
 * process, anything else through ffmpeg. The socket's read timeout is the dead-upstream limit, so a blocked read
 * ends with an error once the upstream has been quiet for that long.
 */
public final class UpstreamOpener {
    private final RelayConfig config;
    private final StreamFormatDetector detector = new StreamFormatDetector();

    public UpstreamOpener(RelayConfig config) {
        this.config = config;
    }

    /** An open upstream: its decoded audio and the byte activity a watchdog looks at. */
    public record Upstream(PcmStream pcm, ActivityInputStream activity) {
    }

    /** Redirects followed at most, each checked by the outbound policy like the first address. */
    static final int MAX_REDIRECTS = 5;

    public Upstream open(URI url, long relayId) throws UpstreamException {
        URI at = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection http = connect(at);
            int status;
            try {
                status = http.getResponseCode();
            } catch (java.net.SocketTimeoutException e) {
                http.disconnect();
                throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "no answer from " + at + " within "
                        + config.connectTimeout().toSeconds() + " s", e);
            } catch (IOException e) {
                http.disconnect();
                throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "cannot connect to " + at + ": " + e, e);
            }
            String location = http.getHeaderField("Location");
            if (status / 100 != 3 || location == null) {
                return read(http, status, at, relayId);
            }
            http.disconnect();
            if (hop == MAX_REDIRECTS) {
                throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "more than " + MAX_REDIRECTS
                        + " redirects from " + url);
            }
            at = at.resolve(location);
        }
    }

    /** A connection to an address the outbound policy allows now (checked again at every hop: DNS rebinding). */
    private HttpURLConnection connect(URI url) throws UpstreamException {
        try {
            config.outbound().requireAllowed(url);
        } catch (vn.loa.controller.outbound.OutboundRefused e) {
            throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED, e.getMessage(), e);
        }
        HttpURLConnection http;
        try {
            URLConnection c = url.toURL().openConnection();
            if (!(c instanceof HttpURLConnection h)) {
                throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED, "not an HTTP URL: " + url);
            }
            http = h;
        } catch (IOException | IllegalArgumentException e) {
            throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "cannot open " + url + ": " + e, e);
        }
        http.setConnectTimeout((int) config.connectTimeout().toMillis());
        http.setReadTimeout((int) config.deadAfter().toMillis());
        http.setInstanceFollowRedirects(false);
        http.setUseCaches(false);
        http.setRequestProperty("User-Agent", "Loa-relay/1.0");
        http.setRequestProperty("Accept", "audio/*, application/ogg;q=0.9, */*;q=0.1");
        return http;
    }

    private Upstream read(HttpURLConnection http, int status, URI url, long relayId) throws UpstreamException {
        try {
            if (status != HttpURLConnection.HTTP_OK) {
                throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "HTTP " + status + " "
                        + http.getResponseMessage() + " from " + url);
            }
            ActivityInputStream activity = new ActivityInputStream(http.getInputStream(), System::nanoTime);
            InputStream body = new BufferedInputStream(new DisconnectingInputStream(activity, http), 16 * 1024);
            String contentType = http.getContentType();
            body.mark(StreamFormatDetector.HEAD_BYTES);
            byte[] head = body.readNBytes(StreamFormatDetector.HEAD_BYTES);
            body.reset();
            if (head.length == 0) {
                throw new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "the stream ended before any data");
            }
            StreamFormat format = detector.detect(contentType, head, head.length);
            return switch (format) {
                case MP3 -> new Upstream(new Mp3PcmStream(body), activity);
                case NOT_AUDIO -> throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED,
                        "not an audio stream (Content-Type " + contentType + ")");
                default -> new Upstream(FfmpegPcmStream.start(config.ffmpeg(), body, format, contentType, relayId),
                        activity);
            };
        } catch (UpstreamException e) {
            http.disconnect();
            throw e;
        } catch (java.net.SocketTimeoutException e) {
            http.disconnect();
            throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "no answer from " + url + " within "
                    + config.connectTimeout().toSeconds() + " s", e);
        } catch (IOException e) {
            http.disconnect();
            throw new UpstreamException(UpstreamException.Kind.UNREACHABLE, "cannot connect to " + url + ": " + e, e);
        }
    }

    /** Closing the body also drops the connection (no keep-alive for a stream that never ends). */
    private static final class DisconnectingInputStream extends java.io.FilterInputStream {
        private final HttpURLConnection http;

        DisconnectingInputStream(InputStream in, HttpURLConnection http) {
            super(in);
            this.http = http;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                http.disconnect();
            }
        }
    }
}
