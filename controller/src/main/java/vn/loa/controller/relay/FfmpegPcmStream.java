package vn.loa.controller.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream ffmpeg decodes (Ogg/Opus, Ogg/Vorbis, AAC, FLAC, …): the HTTP body is piped into
 * {@code ffmpeg -i pipe:0 -f s16le -ac 1 -ar 24000 pipe:1}, so there is one connection to the upstream and the
 * relay's watchdog sees its bytes. Two virtual threads belong to the stream: one copies the body into ffmpeg,
 * one keeps the tail of ffmpeg's error output for the error message; closing the stream ends both.
 */
final class FfmpegPcmStream implements PcmStream {
    static final int SAMPLE_RATE = 24_000;
    private static final Logger log = LoggerFactory.getLogger(FfmpegPcmStream.class);
    private static final int BLOCK_SAMPLES = SAMPLE_RATE / 10;
    private static final int STDERR_TAIL = 2000;

    private final Process process;
    private final InputStream body;
    private final InputStream pcm;
    private final String format;
    private final AtomicReference<IOException> bodyFailure = new AtomicReference<>();
    private final StringBuffer errors = new StringBuffer();
    private final byte[] bytes = new byte[BLOCK_SAMPLES * 2];

    private FfmpegPcmStream(Process process, InputStream body, String format) {
        this.process = process;
        this.body = body;
        this.pcm = process.getInputStream();
        this.format = format;
    }

    /** Starts ffmpeg on this body; fails with a message naming ffmpeg when it is not installed. */
    static FfmpegPcmStream start(String ffmpeg, InputStream body, StreamFormat format, String contentType, long relayId)
            throws UpstreamException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-probesize", "32768", "-analyzeduration", "500000", "-i", "pipe:0", "-vn", "-f", "s16le", "-ac", "1",
                "-ar", Integer.toString(SAMPLE_RATE), "pipe:1"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED, "the stream is " + format.label()
                    + " (Content-Type " + contentType + "); decoding it needs ffmpeg ('" + ffmpeg
                    + "'), which is not installed or cannot run: " + e.getMessage()
                    + " — install it (apt-get install ffmpeg) or relay an MP3 stream", e);
        }
        FfmpegPcmStream s = new FfmpegPcmStream(p, body, format.label());
        Thread.ofVirtual().name("relay-" + relayId + "-ffmpeg-in").start(s::copyBody);
        Thread.ofVirtual().name("relay-" + relayId + "-ffmpeg-err").start(s::drainErrors);
        return s;
    }

    private void copyBody() {
        byte[] buf = new byte[8192];
        try (OutputStream out = process.getOutputStream()) {
            int n;
            while ((n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                bodyFailure.set(e);
            }
        } finally {
            // the upstream is gone or failed: ffmpeg flushes what it has and ends, the reader sees the end
            if (bodyFailure.get() != null) {
                process.destroy();
            }
        }
    }

    private void drainErrors() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buf = new byte[1024];
            int n;
            while ((n = err.read(buf)) >= 0) {
                errors.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (errors.length() > STDERR_TAIL) {
                    errors.delete(0, errors.length() - STDERR_TAIL);
                }
            }
        } catch (IOException e) {
            log.debug("ffmpeg's error output closed: {}", e.toString());
        }
    }

    @Override
    public short[] read() throws IOException, UpstreamException {
        int n = pcm.readNBytes(bytes, 0, bytes.length) & ~1;
        if (n > 0) {
            short[] out = new short[n / 2];
            ByteBuffer.wrap(bytes, 0, n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }
        IOException failure = bodyFailure.get();
        if (failure != null) {
            throw failure;
        }
        try {
            if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() != 0) {
                throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED, "ffmpeg cannot decode the "
                        + format + " stream (exit " + process.exitValue() + "): " + errors.toString().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for ffmpeg", e);
        }
        return null;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public String description() {
        return format + " (decoded by ffmpeg)";
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            body.close();
        } finally {
            pcm.close();
        }
    }
}
