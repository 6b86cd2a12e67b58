package vn.loa.controller.media;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketReader;

/** Signal generation, WAV writing, LOP decoding and correlation helpers for the media tests. */
final class TestAudio {

    private TestAudio() {
    }

    /** A 200 Hz to 2 kHz sweep at 0.4 plus a 1234 Hz tone at 0.3, evaluated at time t seconds. */
    static double signal(double t) {
        return 0.4 * Math.sin(2 * Math.PI * (200 * t + 300 * t * t)) + 0.3 * Math.sin(2 * Math.PI * 1234 * t);
    }

    /** The ffmpeg aevalsrc expression of {@link #signal}. */
    static final String FFMPEG_EXPRESSION = "0.4*sin(2*PI*(200*t+300*t*t))+0.3*sin(2*PI*1234*t)";

    static float[] render(int sampleRate, double seconds, double gain) {
        float[] out = new float[(int) Math.round(sampleRate * seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (gain * signal((double) i / sampleRate));
        }
        return out;
    }

    enum WavEncoding { PCM8, PCM16, PCM24, PCM32, FLOAT32 }

    /**
     * Builds a WAV file; each channel carries {@code mono} scaled by (1 - 0.2 * channel) so the downmix is not
     * trivially one channel.
     */
    static byte[] wav(float[] mono, int sampleRate, int channels, WavEncoding encoding, boolean extensible) {
        int bits = switch (encoding) {
            case PCM8 -> 8;
            case PCM16 -> 16;
            case PCM24 -> 24;
            case PCM32, FLOAT32 -> 32;
        };
        int blockAlign = channels * bits / 8;
        int dataSize = mono.length * blockAlign;
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataSize + 26).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize);
        int tag = encoding == WavEncoding.FLOAT32 ? 3 : 1;
        b.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0);
            b.putShort((short) tag).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                (byte) 0x9B, 0x71});
        }
        b.put(ascii("LIST")).putInt(10).put(ascii("INFOabcdef")); // an extra chunk before the data
        b.put(ascii("data")).putInt(dataSize);
        for (float s : mono) {
            for (int c = 0; c < channels; c++) {
                double v = s * (1 - 0.2 * c);
                switch (encoding) {
                    case PCM8 -> b.put((byte) (Math.round(v * 127) + 128));
                    case PCM16 -> b.putShort((short) Math.round(v * 32767));
                    case PCM24 -> {
                        int x = (int) Math.round(v * 8388607);
                        b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
                    }
                    case PCM32 -> b.putInt((int) Math.round(v * 2147483647.0));
                    case FLOAT32 -> b.putFloat((float) v);
                }
            }
        }
        b.put(ascii("junk")).putInt(0); // a trailing chunk after the data
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A decoded LOP file: its header and exactly totalSamples samples (preSkip removed). */
    record DecodedLop(OpusPacketFile.Header header, float[] samples, int packets) {
    }

    static DecodedLop decodeLop(Path file) throws IOException {
        try (OpusPacketReader reader = OpusPacketReader.open(file)) {
            OpusPacketFile.Header h = reader.header();
            OpusDecoder decoder = new OpusDecoder(h.sampleRate(), h.channels());
            short[] pcm = new short[5760 * h.channels()];
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int packets = 0;
            for (byte[] p = reader.nextPacket(); p != null; p = reader.nextPacket()) {
                int n = decoder.decode(p, 0, p.length, pcm, 0, 5760, false);
                for (int i = 0; i < n * h.channels(); i++) {
                    all.write(pcm[i] & 0xFF);
                    all.write(pcm[i] >> 8);
                }
                packets++;
            }
            ByteBuffer bytes = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            int decoded = bytes.remaining() / 2;
            if (decoded < h.preSkip() + h.totalSamples()) {
                throw new IOException("LOP decodes to " + decoded + " samples, needs " + (h.preSkip() + h.totalSamples()));
            }
            float[] out = new float[(int) h.totalSamples()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.getShort(2 * (h.preSkip() + i)) / 32768f;
            }
            return new DecodedLop(h, out, packets);
        } catch (OpusException e) {
            throw new IOException(e);
        }
    }

    /** Best normalised correlation of {@code actual} against {@code expected} over lags -maxLag..maxLag. */
    static Correlation bestCorrelation(float[] expected, float[] actual, int maxLag) {
        Correlation best = new Correlation(0, -2);
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < expected.length; i++) {
                int j = i + lag;
                if (j < 0 || j >= actual.length) {
                    continue;
                }
                sxy += (double) expected[i] * actual[j];
                sxx += (double) expected[i] * expected[i];
                syy += (double) actual[j] * actual[j];
            }
            double r = sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
            if (r > best.value()) {
                best = new Correlation(lag, r);
            }
        }
        return best;
    }

    record Correlation(int lag, double value) {
    }

    static double rmsDbfs(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return 10 * Math.log10(sum / (to - from));
    }

    static float peak(float[] samples) {
        float p = 0;
        for (float s : samples) {
            p = Math.max(p, Math.abs(s));
        }
        return p;
    }
}
