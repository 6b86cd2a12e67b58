package vn.loa.controller.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test audio made and decoded by real external tools (ffmpeg), and WAV reading and correlation. */
public final class Audio {
    private Audio() {
    }

    /** Runs ffmpeg; fails the test loudly when it is not installed (CI installs it). */
    public static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("ffmpeg is required by this test and is not installed (apt-get install -y ffmpeg; .ci/run does it)");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("ffmpeg failed: " + out);
        }
    }

    /** A speech-like test signal (a chirp plus a tone, with an envelope) encoded to MP3 by ffmpeg/LAME. */
    public static Path mp3(Path dir, String name, double seconds) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "aevalsrc=(0.5*sin(2*PI*(220*t+90*t*t))+0.25*sin(2*PI*1300*t))*(0.6+0.4*sin(2*PI*2.5*t)):s=44100:d="
                + seconds, "-ac", "2", "-c:a", "libmp3lame", "-b:a", "96k", file.toString());
        return file;
    }

    /** Decodes any audio file with ffmpeg to mono 16-bit PCM at the given rate. */
    public static short[] decodeWithFfmpeg(Path file, int rate) throws IOException, InterruptedException {
        Path raw = file.resolveSibling(file.getFileName() + "." + rate + ".s16");
        ffmpeg("-i", file.toString(), "-ac", "1", "-ar", Integer.toString(rate), "-f", "s16le", raw.toString());
        byte[] bytes = Files.readAllBytes(raw);
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    public record Wav(int sampleRate, int channels, short[] samples) {
        public long durationMs() {
            return samples.length / channels * 1000L / sampleRate;
        }
    }

    /** Reads a PCM 16-bit WAV as written by the simulated output. */
    public static Wav readWav(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            fail(file + " is not a WAV file");
        }
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        int dataBytes = b.getInt(40);
        short[] samples = new short[dataBytes / 2];
        b.position(44);
        b.asShortBuffer().get(samples);
        return new Wav(rate, channels, samples);
    }

    /** The highest normalised cross-correlation over lags in [-maxLag, maxLag]. */
    public static double bestCorrelation(short[] a, short[] b, int maxLag) {
        double best = -1;
        for (int lag = -maxLag; lag <= maxLag; lag += 1) {
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int i = Math.max(0, -lag); i < a.length && i + lag < b.length; i += 2) {
                double x = a[i];
                double y = b[i + lag];
                sab += x * y;
                saa += x * x;
                sbb += y * y;
            }
            if (saa > 0 && sbb > 0) {
                best = Math.max(best, sab / Math.sqrt(saa * sbb));
            }
        }
        return best;
    }
}
