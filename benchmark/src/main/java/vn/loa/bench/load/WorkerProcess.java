package vn.loa.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.load.ControlCodec.Message;

/**
 * The harness's side of one load worker: the process (its stderr appended to a log file), a thread
 * that reads its reply lines, and request/reply over the pipe. A worker that exits or stops answering
 * fails the request with a message naming it and quoting the end of its log. Closing it asks the
 * worker to close, then destroys it; the reader thread ends with the pipe.
 */
final class WorkerProcess implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(WorkerProcess.class);
    private static final String EOF = "\u0000eof";

    private final int index;
    private final Process process;
    private final Path log;
    private final Writer in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ControlCodec codec;
    private final Thread reader;

    private WorkerProcess(int index, Process process, Path log, ControlCodec codec) {
        this.index = index;
        this.process = process;
        this.log = log;
        this.codec = codec;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().daemon().name("load-worker-" + index + "-replies").start(this::readReplies);
    }

    static WorkerProcess start(int index, List<String> command, Path log, ControlCodec codec) throws IOException {
        Files.deleteIfExists(log);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new WorkerProcess(index, p, log, codec);
    }

    int index() {
        return index;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private void readReplies() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                replies.add(line);
            }
        } catch (IOException e) {
            replies.add("{\"type\":\"error\",\"body\":{\"message\":\"reading the worker's output failed: "
                    + e.getMessage().replace('"', '\'') + "\"}}");
        } finally {
            replies.add(EOF);
        }
    }

    /** Sends one request line (without waiting for its reply). */
    void send(String type, Object body) {
        try {
            in.write(codec.encode(type, body));
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw died("its input pipe is closed (" + e.getMessage() + ")");
        }
    }

    /** Waits for the reply of the request sent last; an {@code error} reply or a dead worker throws. */
    <T> T await(String type, Class<T> replyType, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("load worker " + index + " (pid " + pid() + ") did not answer '" + type
                        + "' within " + timeout.toSeconds() + " s; its log " + log + " ends with:\n" + tail());
            }
            String line = replies.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals(EOF)) {
                throw died("its output ended before it answered '" + type + "'");
            }
            Message m = codec.decode(line);
            if (m.type().equals(ControlMessages.ERROR)) {
                throw new IllegalStateException("load worker " + index + " (pid " + pid() + ") refused '" + type + "': "
                        + m.body().path("message").asText());
            }
            if (!m.type().equals(type)) {
                throw new IllegalStateException("load worker " + index + " answered '" + m.type() + "' to '" + type + "'");
            }
            return codec.body(m, replyType);
        }
    }

    <T> T request(String type, Object body, Class<T> replyType, Duration timeout) throws InterruptedException {
        send(type, body);
        return await(type, replyType, timeout);
    }

    private IllegalStateException died(String what) {
        String exit;
        try {
            exit = process.waitFor(5, TimeUnit.SECONDS) ? "exited with code " + process.exitValue() : "is still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "state unknown (interrupted)";
        }
        return new IllegalStateException("load worker " + index + " (pid " + pid() + ") failed: " + what + "; it " + exit
                + "; its log " + log + " ends with:\n" + tail());
    }

    /** The last lines of its log. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Closes its input: a worker then ends by itself. */
    void closeInput() throws IOException {
        in.close();
    }

    /** Destroys it at once (harness exit). */
    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send(ControlMessages.CLOSE, null);
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                }
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (IllegalStateException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            in.close();
        } catch (IOException e) {
            logger.debug("load worker {}: its input pipe was closed already: {}", index, e.toString());
        }
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
