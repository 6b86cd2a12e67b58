package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.media.AudioDecoder;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.media.Mp3Decoder;
import vn.loa.controller.media.PcmSource;
import vn.loa.controller.media.WavDecoder;

/**
 * Coverage-guided fuzzing of what an operator's upload reaches: the WAV and MP3 decoders directly
 * (fast, for the fuzzer) and the whole ingest (format sniffing, decoding, loudness, Opus encoding,
 * the content-addressed store). For any bytes: the file is either ingested or refused with a
 * {@link MediaRejectedException} — never another exception, a hang or an out-of-memory — decoded
 * blocks are well formed, and no temporary file stays behind in the media directory. Run as a plain
 * test this replays {@code src/test/resources/vn/loa/controller/resilience/MediaDecoderFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/resilience.md).
 */
class MediaDecoderFuzzTest {
    /** Inputs are small; this bounds the decoded samples a tiny header may declare. */
    private static final long MAX_SAMPLES = 48_000L * 2 * 60 * 10;

    @FuzzTest(maxDuration = "60s")
    @Timeout(300)
    void wavDecoder(byte[] input) throws Exception {
        decodeAll(new WavDecoder(), input);
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(300)
    void mp3Decoder(byte[] input) throws Exception {
        decodeAll(new Mp3Decoder(), input);
    }

    @FuzzTest(maxDuration = "120s")
    @Timeout(300)
    void ingest(byte[] input) throws Exception {
        Path dir = Files.createTempDirectory("loa-fuzz-ingest");
        try {
            Path upload = dir.resolve("upload.bin");
            Files.write(upload, input);
            Path media = dir.resolve("media");
            MediaIngest ingest = new MediaIngest(media, 256 * 1024);
            try {
                IngestedMedia m = ingest.ingest(upload, "upload.bin");
                assertThat(m.sha256()).hasSize(64);
                assertThat(Files.size(m.file())).isPositive();
                assertThat(m.file().getParent()).isEqualTo(media);
            } catch (MediaRejectedException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            if (Files.isDirectory(media)) {
                try (Stream<Path> files = Files.list(media)) {
                    assertThat(files.map(p -> p.getFileName().toString()))
                            .as("no half-written media left behind").noneMatch(n -> n.endsWith(".tmp"));
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void decodeAll(AudioDecoder decoder, byte[] input) throws IOException {
        Path file = Files.createTempFile("loa-fuzz", ".audio");
        try {
            Files.write(file, input);
            try (PcmSource pcm = decoder.open(file)) {
                assertThat(pcm.channels()).isBetween(1, 8);
                assertThat(pcm.sampleRate()).isBetween(1000, 768_000); // the decoder's own documented range
                long samples = 0;
                float[] block;
                while ((block = pcm.nextBlock()) != null) {
                    assertThat(block.length % pcm.channels()).isZero();
                    samples += block.length;
                    assertThat(samples).as("decoded more than such a small file can hold").isLessThan(MAX_SAMPLES);
                }
            } catch (MediaRejectedException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
