package vn.loa.agent.player;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.loa.hardware.PcmFormat;

/**
 * The alert chime played before an announcement: a descending three-note "ding-dong-dang" of
 * about three seconds (EN 54-16 asks for 3–10 s), or a LOP file the station configures instead.
 */
public final class Chime {
    private final Path customFile;
    private final AudioSource.Opener opener;

    public Chime(Path customFile, AudioSource.Opener opener) {
        this.customFile = customFile;
        this.opener = opener;
    }

    public AudioSource open(PcmFormat format) throws IOException {
        if (customFile != null && Files.isRegularFile(customFile)) {
            return opener.open(customFile);
        }
        return synthesized(format);
    }

    /** About 3.1 s: three bell-like notes, then a short pause. */
    public static AudioSource synthesized(PcmFormat format) {
        int rate = format.sampleRate();
        int channels = format.channels();
        double[] notes = {784.0, 659.25, 523.25};
        double noteSeconds = 0.9;
        int total = (int) (rate * (notes.length * noteSeconds + 0.4));
        int frame = rate / 50;
        return new AudioSource() {
            private int pos;

            @Override
            public PcmFormat format() {
                return format;
            }

            @Override
            public short[] nextFrame() {
                if (pos >= total) {
                    return null;
                }
                int n = Math.min(frame, total - pos);
                short[] out = new short[n * channels];
                for (int i = 0; i < n; i++) {
                    double t = (double) (pos + i) / rate;
                    int note = (int) (t / noteSeconds);
                    double v = 0;
                    if (note < notes.length) {
                        double local = t - note * noteSeconds;
                        double f = notes[note];
                        v = (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(2 * Math.PI * 2 * f * t))
                                * Math.exp(-3.5 * local) * Math.min(1, local * 200);
                    }
                    short s = (short) Math.round(v * 0.45 * 32767 / 1.3);
                    for (int c = 0; c < channels; c++) {
                        out[i * channels + c] = s;
                    }
                }
                pos += n;
                return out;
            }

            @Override
            public void close() {
            }
        };
    }
}
