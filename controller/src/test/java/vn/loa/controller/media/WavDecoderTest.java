package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.media.TestAudio.WavEncoding;

class WavDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesAllSampleFormats() throws Exception {
        float[] mono = TestAudio.render(8000, 0.25, 0.5);
        for (WavEncoding encoding : WavEncoding.values()) {
            for (boolean extensible : new boolean[] {false, true}) {
                Path file = dir.resolve(encoding + "-" + extensible + ".wav");
                Files.write(file, TestAudio.wav(mono, 8000, 1, encoding, extensible));
                float[] decoded = Mp3DecoderTest.decodeAll(new WavDecoder(), file);
                assertThat(decoded).hasSize(mono.length);
                float tolerance = encoding == WavEncoding.PCM8 ? 0.01f : 0.0001f;
                for (int i = 0; i < mono.length; i++) {
                    assertThat(Math.abs(decoded[i] - mono[i])).as("%s sample %d", encoding, i)
                            .isLessThanOrEqualTo(tolerance);
                }
            }
        }
    }

    @Test
    void reportsMultichannelLayout() throws Exception {
        Path file = dir.resolve("six.wav");
        Files.write(file, TestAudio.wav(TestAudio.render(48000, 0.1, 0.5), 48000, 6, WavEncoding.PCM24, true));
        try (PcmSource source = new WavDecoder().open(file)) {
            assertThat(source.channels()).isEqualTo(6);
            assertThat(source.sampleRate()).isEqualTo(48000);
            assertThat(source.frameCount()).isEqualTo(4800);
        }
    }

    @Test
    void rejectsUnsupportedEncodingWithReason() throws Exception {
        byte[] wav = TestAudio.wav(new float[100], 8000, 1, WavEncoding.PCM16, false);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 0x11);
        assertRejected(wav, MediaRejectedException.Kind.UNSUPPORTED, "IMA ADPCM");
    }

    @Test
    void rejectsTruncatedDataChunk() throws Exception {
        byte[] wav = TestAudio.wav(new float[1000], 8000, 1, WavEncoding.PCM16, false);
        assertRejected(Arrays.copyOf(wav, 500), MediaRejectedException.Kind.TRUNCATED,
                "the data chunk declares 2000 bytes");
    }

    @Test
    void rejectsZeroLengthAudio() throws Exception {
        byte[] wav = TestAudio.wav(new float[0], 8000, 1, WavEncoding.PCM16, false);
        assertRejected(wav, MediaRejectedException.Kind.EMPTY, "no audio data");
    }

    private void assertRejected(byte[] wav, MediaRejectedException.Kind kind, String reason) throws Exception {
        Path file = dir.resolve("bad.wav");
        Files.write(file, wav);
        assertThatThrownBy(() -> new WavDecoder().open(file).close())
                .isInstanceOfSatisfying(MediaRejectedException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(reason);
    }
}
