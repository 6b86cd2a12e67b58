package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.media.MediaRejectedException.Kind;
import vn.loa.controller.media.TestAudio.WavEncoding;

class MediaIngestTest {

    private static final long MAX_BYTES = 50L * 1024 * 1024;

    @TempDir
    Path uploads;
    @TempDir
    Path mediaDir;

    @Test
    void ingestsStereo16BitWavAt44100() throws Exception {
        assertIngestsWav(44100, 2, WavEncoding.PCM16, false, 2.0);
    }

    @Test
    void ingests8BitWav() throws Exception {
        assertIngestsWav(22050, 1, WavEncoding.PCM8, false, 1.5);
    }

    @Test
    void ingests24BitExtensibleWav() throws Exception {
        assertIngestsWav(48000, 2, WavEncoding.PCM24, true, 1.5);
    }

    @Test
    void ingestsFloatWav() throws Exception {
        assertIngestsWav(32000, 1, WavEncoding.FLOAT32, false, 1.5);
    }

    @Test
    void ingests16kMonoWav() throws Exception {
        assertIngestsWav(16000, 1, WavEncoding.PCM16, false, 2.5);
    }

    @Tag("needs-tools")
    @Test
    void ingestsRealMp3() throws Exception {
        Path mp3 = Ffmpeg.mp3(uploads, "tone.mp3", 3);
        IngestedMedia media = ingest(mp3, "Thông báo.mp3");

        assertThat(media.durationMs()).isCloseTo(3000, within(30L));
        assertDecodesLike(media, TestAudio.render(24000, 3, 1));
    }

    @Test
    void normalisesLoudnessAndStoresUnderContentHash() throws Exception {
        Path quiet = uploads.resolve("quiet.wav");
        Files.write(quiet, TestAudio.wav(TestAudio.render(44100, 2, 0.03), 44100, 1, WavEncoding.PCM16, false));
        IngestedMedia media = ingest(quiet, "quiet.wav");

        byte[] lop = Files.readAllBytes(media.file());
        assertThat(media.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lop)));
        assertThat(media.file()).isEqualTo(mediaDir.resolve(media.sha256() + ".lop"));
        assertThat(media.sizeBytes()).isEqualTo(lop.length);
        assertThat(media.sampleRate()).isEqualTo(24000);
        assertThat(new MediaStore(mediaDir).exists(media.sha256())).isTrue();

        float[] decoded = TestAudio.decodeLop(media.file()).samples();
        double rms = TestAudio.rmsDbfs(decoded, 2400, decoded.length - 2400);
        assertThat(rms).isBetween(-21.5, -18.5);
        assertThat(TestAudio.peak(decoded)).isLessThan(1f);
    }

    @Test
    void reusesTheStoredFileForIdenticalInput() throws Exception {
        Path wav = uploads.resolve("a.wav");
        Files.write(wav, TestAudio.wav(TestAudio.render(16000, 1, 0.5), 16000, 1, WavEncoding.PCM16, false));
        IngestedMedia first = ingest(wav, "a.wav");
        IngestedMedia second = ingest(wav, "copy of a.wav");
        assertThat(second).isEqualTo(first);
        assertThat(listMediaDir()).containsExactly(first.file().getFileName().toString());
    }

    @Test
    void rejectsEmptyFile() throws Exception {
        assertRejected(new byte[0], Kind.EMPTY, "empty file");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void rejectsRandomBytes(int seed) throws Exception {
        Random random = new Random(seed);
        byte[] bytes = new byte[1000 + random.nextInt(20000)];
        random.nextBytes(bytes);
        MediaRejectedException e = rejection(bytes);
        assertThat(e.kind()).isIn(Kind.UNSUPPORTED, Kind.CORRUPT, Kind.TRUNCATED);
    }

    @Test
    void rejectsWavHeaderWithoutData() throws Exception {
        byte[] wav = TestAudio.wav(new float[0], 44100, 2, WavEncoding.PCM16, false);
        int dataChunk = indexOf(wav, "data");
        assertRejected(Arrays.copyOf(wav, dataChunk), Kind.EMPTY, "no data chunk");
        assertRejected(wav, Kind.EMPTY, "no audio data");
    }

    @Test
    void rejectsTruncatedWav() throws Exception {
        byte[] wav = TestAudio.wav(TestAudio.render(44100, 1, 0.5), 44100, 2, WavEncoding.PCM16, false);
        assertRejected(Arrays.copyOf(wav, wav.length / 2), Kind.TRUNCATED, "truncated WAV");
    }

    @Tag("needs-tools")
    @Test
    void rejectsMp3CutInTheMiddleOfAFrame() throws Exception {
        byte[] mp3 = Files.readAllBytes(Ffmpeg.mp3(uploads, "tone.mp3", 2));
        assertRejected(Arrays.copyOf(mp3, mp3.length * 2 / 3 + 11), Kind.TRUNCATED, "truncated MP3: the last frame needs");
    }

    @Test
    void rejectsTextFile() throws Exception {
        byte[] text = "Kính gửi bà con: họp thôn lúc 7 giờ tối.\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        assertRejected(text, Kind.UNSUPPORTED, "unsupported format: only MP3 and WAV are accepted without ffmpeg");
    }

    @Test
    void rejectsOtherAudioContainers() throws Exception {
        byte[] ogg = Arrays.copyOf("OggS\0\2".getBytes(StandardCharsets.US_ASCII), 4000);
        assertRejected(ogg, Kind.UNSUPPORTED, MediaIngest.UNSUPPORTED_REASON);
    }

    @Test
    void rejectsOversizedInput() throws Exception {
        Path wav = uploads.resolve("big.wav");
        Files.write(wav, TestAudio.wav(TestAudio.render(16000, 1, 0.5), 16000, 1, WavEncoding.PCM16, false));
        MediaIngest ingest = new MediaIngest(mediaDir, 1000);
        assertThatThrownBy(() -> ingest.ingest(wav, "big.wav"))
                .isInstanceOfSatisfying(MediaRejectedException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        assertThat(listMediaDir()).isEmpty();
    }

    @Test
    void rejectsAudioLongerThanTheLimit() throws Exception {
        Path wav = uploads.resolve("long.wav");
        Files.write(wav, TestAudio.wav(TestAudio.render(8000, 3, 0.5), 8000, 1, WavEncoding.PCM16, false));
        MediaIngest ingest = new MediaIngest(mediaDir, MAX_BYTES, Duration.ofSeconds(2));
        assertThatThrownBy(() -> ingest.ingest(wav, "long.wav"))
                .isInstanceOfSatisfying(MediaRejectedException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                .hasMessageContaining("longer than the limit of 2 s");
        assertThat(listMediaDir()).isEmpty();
    }

    private void assertIngestsWav(int rate, int channels, WavEncoding encoding, boolean extensible, double seconds)
            throws Exception {
        Path wav = uploads.resolve("in.wav");
        Files.write(wav, TestAudio.wav(TestAudio.render(rate, seconds, 0.5), rate, channels, encoding, extensible));
        IngestedMedia media = ingest(wav, "in.wav");

        long expectedSamples = Math.round(Math.round(rate * seconds) * 24000.0 / rate);
        assertThat(TestAudio.decodeLop(media.file()).header().totalSamples()).isEqualTo(expectedSamples);
        assertThat(media.durationMs()).isCloseTo(Math.round(seconds * 1000), within(1L));
        assertDecodesLike(media, TestAudio.render(24000, seconds, 1));
    }

    private void assertDecodesLike(IngestedMedia media, float[] expected) throws IOException {
        TestAudio.DecodedLop lop = TestAudio.decodeLop(media.file());
        assertThat(lop.header().sampleRate()).isEqualTo(24000);
        assertThat(lop.header().channels()).isEqualTo(1);
        assertThat(lop.header().frameSamples()).isEqualTo(480);
        assertThat(lop.samples()).hasSize((int) lop.header().totalSamples());
        TestAudio.Correlation c = TestAudio.bestCorrelation(expected, lop.samples(), 240);
        assertThat(c.value()).as("correlation with the original (%s)", c).isGreaterThan(0.9);
        assertThat(listMediaDir()).containsExactly(media.sha256() + ".lop");
    }

    private IngestedMedia ingest(Path file, String name) throws Exception {
        return new MediaIngest(mediaDir, MAX_BYTES).ingest(file, name);
    }

    private void assertRejected(byte[] content, Kind kind, String reason) throws Exception {
        MediaRejectedException e = rejection(content);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.reason()).contains(reason);
    }

    private MediaRejectedException rejection(byte[] content) throws Exception {
        Path file = uploads.resolve("upload.bin");
        Files.write(file, content);
        MediaIngest ingest = new MediaIngest(mediaDir, MAX_BYTES);
        try {
            IngestedMedia media = ingest.ingest(file, "upload.bin");
            throw new AssertionError("expected a rejection, got " + media);
        } catch (MediaRejectedException e) {
            assertThat(listMediaDir()).as("media dir after rejection").isEmpty();
            return e;
        }
    }

    private String[] listMediaDir() throws IOException {
        try (Stream<Path> files = Files.list(mediaDir)) {
            return files.map(p -> p.getFileName().toString()).toArray(String[]::new);
        }
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
