package vn.loa.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Deterministic speech-like mono audio: voiced syllables (a gliding pitch of 90–220 Hz with its
 * harmonics shaped by two moving formants), about four per second, with unvoiced hiss between them and
 * short pauses — what an announcer sounds like to a codec, without shipping a recording.
 */
public final class SpeechLike {
    private SpeechLike() {
    }

    public static short[] generate(int rate, double seconds, long seed) {
        int n = (int) Math.round(rate * seconds);
        short[] out = new short[n];
        SplittableRandom random = new SplittableRandom(seed);
        double phase = 0;
        int i = 0;
        while (i < n) {
            int syllable = (int) (rate * (0.15 + random.nextDouble() * 0.2));
            boolean pause = random.nextInt(8) == 0;
            double f0 = 90 + random.nextDouble() * 130;
            double glide = (random.nextDouble() - 0.5) * 60;
            double formant1 = 300 + random.nextDouble() * 500;
            double formant2 = 900 + random.nextDouble() * 1500;
            for (int k = 0; k < syllable && i < n; k++, i++) {
                double t = (double) k / syllable;
                double envelope = pause ? 0 : Math.sin(Math.PI * t);
                double pitch = f0 + glide * t;
                phase += 2 * Math.PI * pitch / rate;
                double s = 0;
                for (int h = 1; h * pitch < rate / 2.0 && h <= 30; h++) {
                    double f = h * pitch;
                    double gain = 1.0 / (1 + Math.pow((f - formant1) / 150, 2)) + 0.6 / (1 + Math.pow((f - formant2) / 250, 2));
                    s += gain * Math.sin(h * phase) / h;
                }
                double hiss = (t < 0.15 ? 0.25 : 0.03) * (random.nextDouble() * 2 - 1);
                out[i] = (short) Math.max(-32768, Math.min(32767, 9000 * (envelope * s + (pause ? 0.01 : hiss))));
            }
        }
        return out;
    }

    /** A 16-bit mono PCM WAV file of these samples. */
    public static byte[] wav(short[] pcm, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + pcm.length * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(pcm.length * 2);
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
