package vn.loa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.stats.Percentiles;

/**
 * Scenario 5: Concentus encode/decode of one minute of speech-like audio (JMH, {@link CodecBench})
 * beside libopus's command-line tools (opusenc/opusdec from Debian's opus-tools) on the same audio,
 * timed as processes (median of several runs; process start included).
 */
@Command(name = "codec", mixinStandardHelpOptions = true,
        description = "Concentus (JMH) vs opusenc/opusdec on the same 60 s of speech-like audio.")
final class Codec implements Callable<Integer> {
    @Option(names = "--work", defaultValue = "/tmp/loa-bench/codec")
    Path work;
    @Option(names = "--runs", defaultValue = "10", description = "runs of each opus-tools command")
    int runs;
    @Option(names = "--skip-jmh", description = "only the opus-tools side")
    boolean skipJmh;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        Path wav = work.resolve("speech-60s-24k.wav");
        Files.write(wav, SpeechLike.wav(SpeechLike.generate(CodecBench.RATE, CodecBench.SECONDS, 42), CodecBench.RATE));
        List<String> rows = new ArrayList<>();
        if (!skipJmh) {
            var results = new Runner(new OptionsBuilder().include(CodecBench.class.getName() + "\\.").build()).run();
            for (RunResult r : results) {
                rows.add(String.format("| Concentus 1.0.2 (JMH, in a warm JVM) | %s, complexity %s | %.1f ± %.1f ms |",
                        r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getParams().getParam("complexity"),
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
            }
        }
        for (String tool : List.of("opusenc", "opusdec")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install opus-tools");
            }
        }
        Path opus = work.resolve("speech.opus");
        for (int comp : List.of(5, 10)) {
            long enc = median(List.of("opusenc", "--quiet", "--bitrate", "24", "--framesize", "20", "--comp",
                    Integer.toString(comp), wav.toString(), opus.toString()));
            rows.add(String.format("| opusenc (libopus, process) | encode one minute, complexity %d | %.1f ms |", comp, enc / 1e6));
        }
        long dec = median(List.of("opusdec", "--quiet", "--rate", "24000", opus.toString(), work.resolve("decoded.wav").toString()));
        rows.add(String.format("| opusdec (libopus, process) | decode one minute (to 24 kHz) | %.1f ms |", dec / 1e6));
        long start = median(List.of("opusdec", "--help"));
        rows.add(String.format("| (process start of opusdec --help, included above) | – | %.1f ms |", start / 1e6));
        System.out.println();
        System.out.println("| implementation | operation | time per minute of audio |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    private long median(List<String> cmd) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " took more than 120 s");
            }
            if (p.exitValue() != 0 && !cmd.contains("--help")) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed with " + p.exitValue());
            }
            if (i > 0) { // the first run warms the page cache
                times.add(System.nanoTime() - t0);
            }
        }
        return Percentiles.of(times).at(50);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
