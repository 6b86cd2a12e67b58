package vn.loa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.stats.ProcStats;

/**
 * Scenario 6b: Snapcast (Debian snapserver + snapclient) as a peer: snapserver reads 48 kHz stereo PCM
 * from a pipe that ffmpeg fills in real time and sends it as Opus (24 kbps) to N snapclients that decode
 * it to a null sink. Server CPU and RSS per client, and one client's own RSS and CPU.
 */
@Command(name = "snapcast", mixinStandardHelpOptions = true,
        description = "Snapcast server with N snapclients (Opus 24 kbps): server CPU and memory per client, client footprint.")
final class SnapcastPeer implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "10")
    int clients;
    @Option(names = "--seconds", defaultValue = "20")
    int seconds;
    @Option(names = "--work", defaultValue = "/tmp/loa-bench/snapcast")
    Path work;

    @Override
    public Integer call() throws Exception {
        for (String tool : List.of("snapserver", "snapclient", "ffmpeg", "mkfifo")) {
            if (!Codec.onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install snapserver snapclient ffmpeg");
            }
        }
        Files.createDirectories(work);
        Path fifo = work.resolve("snapfifo");
        Files.deleteIfExists(fifo);
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo " + fifo + " failed");
        }
        Path wav = work.resolve("speech.wav");
        Files.write(wav, SpeechLike.wav(SpeechLike.generate(24_000, 60, 7), 24_000));
        int streamPort = ControllerProcess.freePort();
        int tcpPort = ControllerProcess.freePort();
        int httpPort = ControllerProcess.freePort();
        List<Process> procs = new ArrayList<>();
        try {
            Process server = start(List.of("snapserver", "-c", "/dev/null", "--server.datadir", work.toString(),
                    "--stream.source", "pipe://" + fifo + "?name=default&sampleformat=48000:16:2&codec=opus:BITRATE:24000&mode=read",
                    "--stream.port", Integer.toString(streamPort), "--stream.bind_to_address", "127.0.0.1",
                    "--tcp.port", Integer.toString(tcpPort), "--tcp.bind_to_address", "127.0.0.1",
                    "--http.port", Integer.toString(httpPort), "--http.bind_to_address", "127.0.0.1",
                    "--logging.sink", "file:" + work.resolve("snapserver.log")), "snapserver.out", procs);
            int total = seconds + 60;
            start(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", wav.toString(),
                    "-t", Integer.toString(total), "-ar", "48000", "-ac", "2", "-f", "s16le", "-y", fifo.toString()),
                    "ffmpeg.log", procs);
            Rig.pause(3000);
            if (!server.isAlive()) {
                throw new IllegalStateException("snapserver exited with " + server.exitValue() + "; see " + work);
            }
            ProcStats.Sample idle0 = ProcStats.sample(server.pid());
            Rig.pause(2000);
            ProcStats.Sample idle = ProcStats.sample(server.pid());
            List<Process> snapclients = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                snapclients.add(start(List.of("snapclient", "-h", "127.0.0.1", "-p", Integer.toString(streamPort),
                        "--hostID", "bench-" + i, "--player", "file:filename=null", "--logsink", "null"), "snapclient.log", procs));
            }
            Rig.pause(5000);
            ProcStats.Sample c0 = ProcStats.sample(server.pid());
            List<ProcStats.Sample> k0 = snapclients.stream().map(p -> ProcStats.sample(p.pid())).toList();
            Rig.pause(seconds * 1000L);
            ProcStats.Sample c1 = ProcStats.sample(server.pid());
            List<ProcStats.Sample> k1 = snapclients.stream().map(p -> ProcStats.sample(p.pid())).toList();
            double clientCpu = 0;
            long clientRss = 0;
            int alive = 0;
            for (int i = 0; i < snapclients.size(); i++) {
                clientCpu += k1.get(i).cpuPercentSince(k0.get(i));
                clientRss += k1.get(i).rssKb();
                alive += snapclients.get(i).isAlive() ? 1 : 0;
            }
            System.out.println();
            System.out.println("| peer | clients | server CPU (% of one core) | server RSS per client | snapclient RSS (mean) | snapclient CPU (mean) | clients together | clients alive |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.printf("| Snapcast 0.26 (Opus 24 kbps, 48 kHz stereo) | %d | %.1f %% (idle with the source: %.1f %%) | %.1f kB | %.1f MB | %.2f %% | %.1f %% | %d |%n",
                    clients, c1.cpuPercentSince(c0), idle.cpuPercentSince(idle0), (c1.rssKb() - idle.rssKb()) / (double) clients,
                    clientRss / 1024.0 / clients, clientCpu / clients, clientCpu, alive);
            return 0;
        } finally {
            for (Process p : procs.reversed()) {
                p.destroy();
            }
            for (Process p : procs) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private Process start(List<String> cmd, String log, List<Process> procs) throws java.io.IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(log).toFile())).start();
        procs.add(p);
        return p;
    }
}
