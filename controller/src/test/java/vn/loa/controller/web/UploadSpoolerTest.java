package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The spooler on an EmbeddedChannel: the body goes to a file in order, the memory gauge stays small, no leftovers. */
@Timeout(30)
class UploadSpoolerTest {
    @TempDir
    Path dir;

    final ExecutorService blocking = Executors.newSingleThreadExecutor();
    final HttpBudget budget = new HttpBudget(HttpBudget.Limits.of(64 << 20));

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    EmbeddedChannel channel() {
        return new EmbeddedChannel(new UploadSpooler(dir, budget, Json.mapper(), HttpGuard::bulletinUpload, blocking));
    }

    static HttpRequest upload() {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/bulletins");
    }

    Object next(EmbeddedChannel ch) {
        Object[] got = new Object[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            ch.runPendingTasks();
            got[0] = ch.readInbound();
            return got[0] != null;
        });
        return got[0];
    }

    long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aWholeBodyArrivesAsAFileInOrderAndTheFileGoesWithTheRequest() throws Exception {
        EmbeddedChannel ch = channel();
        ch.writeInbound(upload());
        byte[] expected = new byte[3 * 1024 * 1024];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31 + i / 8192);
        }
        int chunk = 64 * 1024;
        for (int off = 0; off < expected.length; off += chunk) {
            // as a socket does: nothing more is read while the spooler has paused reading
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(() -> {
                ch.runPendingTasks();
                return ch.config().isAutoRead();
            });
            ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(Arrays.copyOfRange(expected, off, off + chunk))));
            ch.runPendingTasks();
        }
        ch.writeInbound(new DefaultLastHttpContent());
        Object got = next(ch);
        assertThat(got).isInstanceOf(SpooledUpload.class);
        SpooledUpload spooled = (SpooledUpload) got;
        assertThat(spooled.bodyBytes()).isEqualTo(expected.length);
        assertThat(spooled.content().readableBytes()).as("no body in memory").isZero();
        assertThat(Files.readAllBytes(spooled.body())).isEqualTo(expected);
        assertThat(budget.bodyBytes()).isZero();
        assertThat(budget.peakBodyBytes()).as("waiting for the disk, at most")
                .isLessThanOrEqualTo(UploadSpooler.HIGH_WATER + (long) chunk);
        assertThat(spooled.release()).isTrue();
        assertThat(files()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientGoneMidBodyLeavesNoFile() throws Exception {
        EmbeddedChannel ch = channel();
        ch.writeInbound(upload());
        ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[100_000])));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ch.runPendingTasks();
            return files() == 1 && budget.bodyBytes() == 0;
        });
        ch.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ch.runPendingTasks();
            return files() == 0;
        });
        assertThat((Object) ch.readInbound()).as("nothing went on").isNull();
    }

    @Test
    void otherRequestsPassUntouched() {
        EmbeddedChannel ch = channel();
        HttpRequest get = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/bulletins");
        ch.writeInbound(get);
        assertThat((Object) ch.readInbound()).isSameAs(get);
        HttpRequest session = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/session");
        ch.writeInbound(session);
        assertThat((Object) ch.readInbound()).isSameAs(session);
        ch.finishAndReleaseAll();
    }
}
