package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.written;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileRequest;

/** Media files streamed in 64 KiB chunks from the requested offset, and the requests it refuses. */
@Timeout(30)
class FileRequestHandlerTest {
    @TempDir
    Path dir;
    GatewayFixture gw;
    byte[] bytes;
    String sha;

    @BeforeEach
    void setUp() throws Exception {
        gw = new GatewayFixture(dir.resolve("media"));
        bytes = new byte[2 * FileRequestHandler.CHUNK_BYTES + 1_000];
        new Random(7).nextBytes(bytes);
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.createDirectories(dir.resolve("media"));
        Files.write(gw.media.pathOf(sha), bytes);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    private EmbeddedChannel channel() {
        return gw.withSession(new FileRequestHandler(gw.media, gw.blocking));
    }

    private static Envelope request(long id, String sha, long offset) {
        return Envelope.newBuilder().setRequestId(id).setFileRequest(FileRequest.newBuilder().setSha256(sha)
                .setOffset(offset)).build();
    }

    @Test
    void theFileGoesOutInChunksFromTheOffsetTheLastOneMarked() throws Exception {
        EmbeddedChannel ch = channel();
        ch.writeInbound(request(11, sha, 0));
        List<Envelope> out = written(ch);
        assertThat(out).hasSize(3).allSatisfy(e -> {
            assertThat(e.getRefersTo()).isEqualTo(11);
            assertThat(e.getFileChunk().getSha256()).isEqualTo(sha);
            assertThat(e.getFileChunk().getTotalSize()).isEqualTo(bytes.length);
        });
        assertThat(out).extracting(e -> e.getFileChunk().getOffset())
                .containsExactly(0L, (long) FileRequestHandler.CHUNK_BYTES, 2L * FileRequestHandler.CHUNK_BYTES);
        assertThat(out).extracting(e -> e.getFileChunk().getLast()).containsExactly(false, false, true);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Envelope e : out) {
            e.getFileChunk().getData().writeTo(all);
        }
        assertThat(all.toByteArray()).isEqualTo(bytes);

        long resumeAt = FileRequestHandler.CHUNK_BYTES + 17;
        ch.writeInbound(request(12, sha, resumeAt)); // a transfer cut off part-way resumes where it stopped
        List<Envelope> rest = written(ch);
        assertThat(rest).extracting(e -> e.getFileChunk().getOffset())
                .containsExactly(resumeAt, resumeAt + FileRequestHandler.CHUNK_BYTES);
        assertThat(rest.get(rest.size() - 1).getFileChunk().getLast()).isTrue();
        assertThat(rest.get(0).getFileChunk().getData().toByteArray()).startsWith(bytes[(int) resumeAt]);
    }

    @Test
    void requestsForWhatItCannotSendAreAnsweredWithAnError() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(request(21, "../../etc/passwd", 0));
        ch.writeInbound(request(22, "ab".repeat(32), 0));
        ch.writeInbound(request(23, sha, bytes.length + 1L));
        ch.writeInbound(request(24, sha, -1));
        List<Envelope> out = written(ch);
        assertThat(out).extracting(Envelope::getRefersTo).containsExactly(21L, 22L, 23L, 24L);
        assertThat(out).extracting(e -> e.getFileError().getReason()).containsExactly("not a sha256", "no such media",
                "offset " + (bytes.length + 1L) + " outside the file (" + bytes.length + " bytes)",
                "offset -1 outside the file (" + bytes.length + " bytes)");
    }

    @Test
    void nothingIsSentOnAClosedLinkAndOtherMessagesPassOn() {
        EmbeddedChannel ch = channel();
        Envelope other = Envelope.newBuilder().setRequestId(3).build();
        ch.writeInbound(other);
        assertThat((Object) ch.readInbound()).isSameAs(other);
        ch.close();
        ch.pipeline().fireChannelRead(request(31, sha, 0));
        assertThat(written(ch)).isEmpty();
    }
}
