package vn.loa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MediaCacheTest {
    @TempDir
    Path data;

    private static final byte[] CONTENT = new byte[100_000];
    private static final String SHA;

    static {
        new Random(42).nextBytes(CONTENT);
        try {
            SHA = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer slice(int from, int to) {
        return ByteBuffer.wrap(Arrays.copyOfRange(CONTENT, from, to));
    }

    private Path cacheDir() {
        return data.resolve("cache");
    }

    private String[] cacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(cacheDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void chunksAppendedInOrderCompleteToTheVerifiedFile() throws Exception {
        MediaCache cache = new MediaCache(data);
        assertThat(cache.has(SHA)).isFalse();
        assertThat(cache.partialSize(SHA)).isZero();

        for (int off = 0; off < CONTENT.length; off += 16_384) {
            cache.append(SHA, off, slice(off, Math.min(CONTENT.length, off + 16_384)));
            assertThat(cache.partialSize(SHA)).isEqualTo(Math.min(CONTENT.length, off + 16_384));
        }
        assertThat(cache.has(SHA)).isFalse();

        assertThat(cache.complete(SHA, CONTENT.length)).isTrue();

        assertThat(cache.has(SHA)).isTrue();
        assertThat(cache.complete(SHA)).isEqualTo(cacheDir().resolve(SHA + ".lop")).hasBinaryContent(CONTENT);
        assertThat(cache.partialSize(SHA)).isZero();
        assertThat(cacheFiles()).containsExactly(SHA + ".lop");
        assertThat(MediaCache.sha256Of(cache.complete(SHA))).isEqualTo(SHA);
    }

    @ParameterizedTest(name = "offset {0} when {1} bytes are held")
    @CsvSource({"1, 0", "100, 0", "999, 1000", "1001, 1000", "0, 1000"})
    void appendAtAWrongOffsetThrowsAndChangesNothing(long offset, int held) throws Exception {
        MediaCache cache = new MediaCache(data);
        if (held > 0) {
            cache.append(SHA, 0, slice(0, held));
        }
        assertThatThrownBy(() -> cache.append(SHA, offset, slice(held, held + 10))).isInstanceOf(IOException.class)
                .hasMessageContaining("offset " + offset);
        assertThat(cache.partialSize(SHA)).isEqualTo(held);
    }

    @Test
    void resumesFromThePartialSizeAfterReopen() throws Exception {
        new MediaCache(data).append(SHA, 0, slice(0, 40_000));

        MediaCache reopened = new MediaCache(data);
        long resumeAt = reopened.partialSize(SHA);
        assertThat(resumeAt).isEqualTo(40_000);
        reopened.append(SHA, resumeAt, slice(40_000, CONTENT.length));

        assertThat(reopened.complete(SHA, CONTENT.length)).isTrue();
        assertThat(reopened.complete(SHA)).hasBinaryContent(CONTENT);
    }

    @Test
    void completeWithWrongContentDeletesThePartial() throws Exception {
        MediaCache cache = new MediaCache(data);
        byte[] tampered = CONTENT.clone();
        tampered[12_345] ^= 1;
        cache.append(SHA, 0, ByteBuffer.wrap(tampered));

        assertThat(cache.complete(SHA, CONTENT.length)).isFalse();

        assertThat(cache.has(SHA)).isFalse();
        assertThat(cache.partialSize(SHA)).isZero();
        assertThat(cacheFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 99_999, 100_001})
    void completeWithTheWrongExpectedSizeDeletesThePartial(long expectedSize) throws Exception {
        MediaCache cache = new MediaCache(data);
        cache.append(SHA, 0, slice(0, CONTENT.length));

        assertThat(cache.complete(SHA, expectedSize)).isFalse();

        assertThat(cache.has(SHA)).isFalse();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void completeOfATruncatedTransferFails() throws Exception {
        MediaCache cache = new MediaCache(data);
        cache.append(SHA, 0, slice(0, 50_000));
        assertThat(cache.complete(SHA, 50_000)).isFalse();
        assertThat(cache.has(SHA)).isFalse();
    }

    @Test
    void discardPartialForgetsTheTransfer() throws Exception {
        MediaCache cache = new MediaCache(data);
        cache.append(SHA, 0, slice(0, 10));
        cache.discardPartial(SHA);
        cache.discardPartial(SHA);
        assertThat(cache.partialSize(SHA)).isZero();
        cache.append(SHA, 0, slice(0, 10));
        assertThat(cache.partialSize(SHA)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "", "abc",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", // upper case
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", // 63
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555", // 65
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
            "../e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8",
            "/tmp/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b78"})
    @NullSource
    void rejectsAnythingButALowerCaseSha256(String name) throws Exception {
        MediaCache cache = new MediaCache(data);
        assertThat(MediaCache.isSha256(name)).isFalse();
        assertThatThrownBy(() -> cache.complete(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.has(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.partialSize(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.append(name, 0, ByteBuffer.wrap(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.complete(name, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.discardPartial(name)).isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> s = Files.list(data)) {
            assertThat(s).extracting(p -> p.getFileName().toString()).containsExactly("cache");
        }
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void acceptsALowerCaseSha256() {
        assertThat(MediaCache.isSha256(SHA)).isTrue();
        assertThat(MediaCache.isSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isTrue();
    }
}
