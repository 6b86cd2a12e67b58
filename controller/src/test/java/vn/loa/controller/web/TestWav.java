package vn.loa.controller.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small PCM WAV files made in memory (a gliding tone with a slow envelope, never silence). */
public final class TestWav {
    private TestWav() {
    }

    /** 16-bit PCM mono WAV of the given length. */
    public static byte[] tone(int sampleRate, double seconds) {
        int frames = (int) Math.round(sampleRate * seconds);
        ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double v = (0.4 * Math.sin(2 * Math.PI * (300 * t + 40 * t * t)) + 0.2 * Math.sin(2 * Math.PI * 1100 * t))
                    * (0.7 + 0.3 * Math.sin(2 * Math.PI * 1.5 * t));
            data.putShort((short) Math.round(v * 32767));
        }
        return wav(sampleRate, 1, data.array(), true);
    }

    /** A RIFF/WAVE file with a fmt chunk and, when {@code withDataChunk}, a data chunk holding {@code pcm}. */
    public static byte[] wav(int sampleRate, int channels, byte[] pcm, boolean withDataChunk) {
        int dataChunk = withDataChunk ? 8 + pcm.length : 0;
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + dataChunk).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 24 + dataChunk)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2))
                .putShort((short) 16);
        if (withDataChunk) {
            b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        }
        return b.array();
    }
}
