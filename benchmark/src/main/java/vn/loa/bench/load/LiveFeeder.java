package vn.loa.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Speaks into a live announcement over the real WebSocket ({@code /api/v1/announcements/{id}/live}):
 * 20 ms messages of 24 kHz PCM, each sent at its own instant of an absolute real-time schedule (no
 * drift), the instant logged per packet. At 24 kHz the controller's resampler passes through, so
 * message k completes Opus packet k. Closes the socket at the end, which ends the announcement.
 */
public final class LiveFeeder {
    public static final int RATE = 24_000;
    public static final int FRAME = 480;

    private LiveFeeder() {
    }

    public static void feed(HttpClient http, String baseUrl, String token, long announcementId, short[] pcm,
            FeedLog log, BenchClock clock) throws Exception {
        String ws = baseUrl.replaceFirst("^http", "ws") + "/api/v1/announcements/" + announcementId + "/live?rate=" + RATE;
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(ws), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        webSocket.request(1);
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
        int frames = pcm.length / FRAME;
        long t0 = System.nanoTime();
        for (int k = 0; k < frames; k++) {
            long due = t0 + k * 20_000_000L;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            ByteBuffer b = ByteBuffer.allocate(FRAME * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FRAME; i++) {
                b.putShort(pcm[k * FRAME + i]);
            }
            b.flip();
            log.sent(k, clock.nowUs());
            socket.sendBinary(b, true).get(5, TimeUnit.SECONDS);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
}
