package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the ffmpeg command line to create real encoder output for tests; fails (never skips) when it is missing. */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Encodes {@link TestAudio#signal} to a mono 44.1 kHz 64 kbit/s MP3 of the given length. */
    static Path mp3(Path dir, String name, double seconds) throws IOException, InterruptedException {
        return mp3(dir, name, seconds, 1, 44100, "64k");
    }

    /** Encodes {@link TestAudio#signal} (same on every channel) to an MP3 with the given layout and bitrate. */
    static Path mp3(Path dir, String name, double seconds, int channels, int rate, String bitrate)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        run("-f", "lavfi", "-i", "aevalsrc=" + TestAudio.FFMPEG_EXPRESSION + ":s=" + rate + ":d=" + seconds,
                "-ac", String.valueOf(channels), "-ar", String.valueOf(rate), "-codec:a", "libmp3lame",
                "-b:a", bitrate, out.toString());
        return out;
    }

    static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("ffmpeg is required by this test but could not be started (install it, e.g. "
                    + "'apt-get install -y ffmpeg'): " + e.getMessage());
            return;
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("ffmpeg did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            fail("ffmpeg failed with exit code " + process.exitValue() + ": " + output);
        }
        if (!Files.exists(Path.of(args[args.length - 1]))) {
            fail("ffmpeg did not create " + args[args.length - 1]);
        }
    }
}
