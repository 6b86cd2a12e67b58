package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3DecoderTest {

    @TempDir
    Path dir;

    @Tag("needs-tools")
    @Test
    void decodesRealEncoderOutputGaplessAndAligned() throws Exception {
        Path mp3 = Ffmpeg.mp3(dir, "tone.mp3", 3);
        Mp3StreamInfo info = Mp3FrameScanner.scan(mp3);
        assertThat(info.sampleRate()).isEqualTo(44100);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.layer()).isEqualTo(3);
        assertThat(info.skipFirstFrame()).as("ffmpeg/LAME writes an Info frame").isTrue();
        assertThat(info.totalSamples()).isEqualTo(3 * 44100);

        float[] decoded = decodeAll(new Mp3Decoder(), mp3);
        assertThat(decoded).hasSize(3 * 44100);
        TestAudio.Correlation c = TestAudio.bestCorrelation(TestAudio.render(44100, 3, 1), decoded, 600);
        System.out.println("MP3 vs analytic signal: " + c);
        assertThat(c.value()).isGreaterThan(0.95);
        assertThat(Math.abs(c.lag())).isLessThanOrEqualTo(2);
    }

    @Tag("needs-tools")
    @Test
    void decodesStereoAndLowSampleRateMp3() throws Exception {
        for (int rate : new int[] {48000, 22050, 11025}) {
            Path mp3 = Ffmpeg.mp3(dir, "stereo-" + rate + ".mp3", 1, 2, rate, "48k");
            float[] decoded = decodeAll(new Mp3Decoder(), mp3);
            assertThat(decoded).as("samples at %d Hz", rate).hasSize(rate);
            TestAudio.Correlation c = TestAudio.bestCorrelation(TestAudio.render(rate, 1, 1), decoded, 50);
            assertThat(c.value()).as("correlation at %d Hz (%s)", rate, c).isGreaterThan(0.9);
            assertThat(c.lag()).isZero();
        }
    }

    @Tag("needs-tools")
    @Test
    void rejectsMp3CutInsideAFrame() throws Exception {
        byte[] mp3 = Files.readAllBytes(Ffmpeg.mp3(dir, "tone.mp3", 2));
        byte[] cut = Arrays.copyOf(mp3, mp3.length / 2 + 37);
        assertThatThrownBy(() -> Mp3FrameScanner.scan(cut))
                .isInstanceOfSatisfying(MediaRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRejectedException.Kind.TRUNCATED))
                .hasMessageMatching(".*truncated MP3: the last frame needs \\d+ bytes, only \\d+ remain");
    }

    @Tag("needs-tools")
    @Test
    void acceptsTrailingId3v1AndApeTags() throws Exception {
        byte[] mp3 = Files.readAllBytes(Ffmpeg.mp3(dir, "tone.mp3", 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(mp3);
        byte[] ape = new byte[32];
        System.arraycopy(TestAudio.ascii("APETAGEX"), 0, ape, 0, 8);
        ape[12] = 32; // tag size including this footer, no header
        out.write(ape);
        byte[] id3v1 = new byte[128];
        System.arraycopy(TestAudio.ascii("TAG"), 0, id3v1, 0, 3);
        out.write(id3v1);
        Mp3StreamInfo plain = Mp3FrameScanner.scan(mp3);
        Mp3StreamInfo tagged = Mp3FrameScanner.scan(out.toByteArray());
        assertThat(tagged.frameCount()).isEqualTo(plain.frameCount());
        assertThat(tagged.totalSamples()).isEqualTo(plain.totalSamples());
    }

    @Tag("needs-tools")
    @Test
    void rejectsGarbageBetweenFrames() throws Exception {
        byte[] mp3 = Files.readAllBytes(Ffmpeg.mp3(dir, "tone.mp3", 1));
        Mp3StreamInfo info = Mp3FrameScanner.scan(mp3);
        int insertAt = (int) (info.audioStart() + (info.audioEnd() - info.audioStart()) / 2);
        // move to a frame boundary by walking headers
        int pos = (int) info.audioStart();
        while (pos < insertAt) {
            pos += MpegFrameHeader.parse(mp3, pos, mp3.length).frameLength();
        }
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0x55);
        byte[] broken = new byte[mp3.length + garbage.length];
        System.arraycopy(mp3, 0, broken, 0, pos);
        System.arraycopy(garbage, 0, broken, pos, garbage.length);
        System.arraycopy(mp3, pos, broken, pos + garbage.length, mp3.length - pos);
        assertThatThrownBy(() -> Mp3FrameScanner.scan(broken))
                .isInstanceOfSatisfying(MediaRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRejectedException.Kind.CORRUPT))
                .hasMessageContaining("lost frame sync at byte " + pos);
    }

    @Test
    void rejectsRandomBytesBehindASyncWord() {
        for (int seed = 0; seed < 20; seed++) {
            byte[] bytes = new byte[5000];
            new Random(seed).nextBytes(bytes);
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xFB; // MPEG-1 layer III, no CRC
            bytes[2] = (byte) 0x50; // 64 kbit/s, 44.1 kHz
            bytes[3] = (byte) 0xC4; // mono
            assertThat(FormatSniffer.sniff(bytes, bytes.length)).contains(MediaFormat.MP3);
            assertThatThrownBy(() -> Mp3FrameScanner.scan(bytes))
                    .isInstanceOfSatisfying(MediaRejectedException.class,
                            e -> assertThat(e.kind()).isEqualTo(MediaRejectedException.Kind.CORRUPT));
        }
    }

    @Test
    void rejectsId3TagWithoutFrames() {
        byte[] bytes = new byte[200];
        System.arraycopy(TestAudio.ascii("ID3"), 0, bytes, 0, 3);
        bytes[3] = 4;
        bytes[9] = 20; // tag body of 20 bytes, then 170 bytes of 0x41
        Arrays.fill(bytes, 30, bytes.length, (byte) 0x41);
        assertThatThrownBy(() -> Mp3FrameScanner.scan(bytes))
                .isInstanceOfSatisfying(MediaRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRejectedException.Kind.CORRUPT))
                .hasMessageContaining("no MPEG audio frames");
    }

    @Test
    void rejectsTruncatedId3Tag() {
        byte[] bytes = new byte[50];
        System.arraycopy(TestAudio.ascii("ID3"), 0, bytes, 0, 3);
        bytes[3] = 4;
        bytes[8] = 1; // 128 + body bytes
        assertThatThrownBy(() -> Mp3FrameScanner.scan(bytes))
                .isInstanceOfSatisfying(MediaRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaRejectedException.Kind.TRUNCATED));
    }

    static float[] decodeAll(AudioDecoder decoder, Path file) throws IOException, MediaRejectedException {
        try (PcmSource source = decoder.open(file)) {
            float[] all = new float[0];
            for (float[] block = source.nextBlock(); block != null; block = source.nextBlock()) {
                float[] mono = Downmixer.toMono(block, source.channels());
                float[] grown = Arrays.copyOf(all, all.length + mono.length);
                System.arraycopy(mono, 0, grown, all.length, mono.length);
                all = grown;
            }
            return all;
        }
    }
}
