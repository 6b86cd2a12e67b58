package vn.loa.agent.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketWriter;

class OpusFileDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesExactLengthWithoutPreSkip() throws Exception {
        short[] tone = tone(24000, 1, 24000 + 123, 440);
        Path file = encode(tone, 24000, 1, 480, List.of());

        try (OpusFileDecoder decoder = OpusFileDecoder.open(file)) {
            assertThat(decoder.header().totalSamples()).isEqualTo(tone.length);
            List<short[]> frames = readAll(decoder);
            assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(480));
            assertThat(frames.subList(0, frames.size() - 1)).allSatisfy(f -> assertThat(f).hasSize(480));
            assertThat(frames.get(frames.size() - 1)).hasSize(123);
            short[] pcm = concat(frames);
            assertThat(pcm).hasSize(tone.length);
            assertThat(correlation(tone, pcm)).isGreaterThan(0.95);
            assertThat(decoder.nextFrame()).isNull();
            assertThat(decoder.remainingSamples()).isZero();
        }
    }

    @Test
    void decodesStereoAt48k() throws Exception {
        short[] tone = tone(48000, 2, 48000, 1000);
        Path file = encode(tone, 48000, 2, 960, List.of());
        try (OpusFileDecoder decoder = OpusFileDecoder.open(file)) {
            short[] pcm = concat(readAll(decoder));
            assertThat(pcm).hasSize(tone.length);
            assertThat(correlation(tone, pcm)).isGreaterThan(0.95);
        }
    }

    @Test
    void reportsCorruptPacketWithFileAndIndex() throws Exception {
        short[] tone = tone(24000, 1, 4800, 440);
        Path file = encode(tone, 24000, 1, 480, List.of(3));
        try (OpusFileDecoder decoder = OpusFileDecoder.open(file)) {
            assertThatThrownBy(() -> readAll(decoder))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("packet 3");
        }
    }

    @Test
    void reportsFileThatEndsEarly() throws Exception {
        Path file = dir.resolve("short.lop");
        try (OutputStream out = Files.newOutputStream(file);
                OpusPacketWriter writer = new OpusPacketWriter(out,
                        new OpusPacketFile.Header(24000, 1, 480, 0, 48000))) {
            OpusEncoder encoder = new OpusEncoder(24000, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
            byte[] packet = new byte[1275];
            int n = encoder.encode(new short[480], 0, 480, packet, 0, packet.length);
            writer.writePacket(packet, 0, n);
        }
        try (OpusFileDecoder decoder = OpusFileDecoder.open(file)) {
            assertThat(decoder.nextFrame()).hasSize(480);
            assertThatThrownBy(decoder::nextFrame)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("ends early");
        }
    }

    @Test
    void rejectsInvalidHeader() throws Exception {
        Path file = dir.resolve("bad.lop");
        Files.write(file, "not an lop file at all".getBytes());
        assertThatThrownBy(() -> OpusFileDecoder.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.lop");
    }

    /** Encodes interleaved PCM like the controller does: padded to whole frames plus the encoder lookahead. */
    private Path encode(short[] pcm, int rate, int channels, int frameSamples, List<Integer> corruptPackets)
            throws Exception {
        OpusEncoder encoder = new OpusEncoder(rate, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
        encoder.setBitrate(64000);
        int lookahead = encoder.getLookahead();
        long total = pcm.length / channels;
        long frames = (total + lookahead + frameSamples - 1) / frameSamples;
        short[] padded = new short[(int) (frames * frameSamples * channels)];
        System.arraycopy(pcm, 0, padded, 0, pcm.length);
        Path file = dir.resolve("tone.lop");
        try (OutputStream out = Files.newOutputStream(file);
                OpusPacketWriter writer = new OpusPacketWriter(out,
                        new OpusPacketFile.Header(rate, channels, frameSamples, lookahead, total))) {
            byte[] packet = new byte[OpusPacketFile.MAX_PACKET_BYTES];
            for (int f = 0; f < frames; f++) {
                int n = encoder.encode(padded, f * frameSamples * channels, frameSamples, packet, 0, packet.length);
                if (corruptPackets.contains(f)) {
                    writer.writePacket(new byte[] {(byte) 0x03, 0}); // code-3 packet declaring zero frames
                } else {
                    writer.writePacket(packet, 0, n);
                }
            }
        }
        return file;
    }

    private static short[] tone(int rate, int channels, int samples, double frequency) {
        short[] out = new short[samples * channels];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                double f = frequency * (c + 1);
                out[i * channels + c] = (short) Math.round(10000 * Math.sin(2 * Math.PI * f * i / rate));
            }
        }
        return out;
    }

    private static List<short[]> readAll(OpusFileDecoder decoder) throws IOException {
        List<short[]> frames = new ArrayList<>();
        for (short[] f = decoder.nextFrame(); f != null; f = decoder.nextFrame()) {
            frames.add(f);
        }
        return frames;
    }

    private static short[] concat(List<short[]> frames) {
        short[] out = new short[frames.stream().mapToInt(f -> f.length).sum()];
        int pos = 0;
        for (short[] f : frames) {
            System.arraycopy(f, 0, out, pos, f.length);
            pos += f.length;
        }
        return out;
    }

    /** Normalised correlation at lag 0 (pre-skip handling must leave no offset). */
    private static double correlation(short[] a, short[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
