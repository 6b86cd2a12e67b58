package vn.loa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.peers.HttpListeners;
import vn.loa.bench.stats.Percentiles;
import vn.loa.bench.stats.ProcStats;

/**
 * Scenario 6a: Icecast 2.4 (Debian icecast2) as a peer. ffmpeg feeds one 24 kbps mono Opus stream in
 * Ogg pages of 20 ms (the same audio Loa's fan-out uses); N Netty HTTP listeners read the mount. Icecast's
 * CPU and RSS from /proc, memory per listener = RSS delta / N, time to first byte per listener.
 */
@Command(name = "icecast", mixinStandardHelpOptions = true,
        description = "Icecast 2.4 fed by ffmpeg (24 kbps mono Opus) with N HTTP listeners: CPU, memory per listener, first byte.")
final class IcecastPeer implements Callable<Integer> {
    @Option(names = "--listeners", defaultValue = "1000")
    int listeners;
    @Option(names = "--seconds", defaultValue = "30", description = "measuring window once everyone listens")
    int seconds;
    @Option(names = "--page-ms", defaultValue = "20", description = "Ogg page duration (ffmpeg -page_duration), ms")
    int pageMs;
    @Option(names = "--connect-concurrency", defaultValue = "256")
    int concurrency;
    @Option(names = "--client-threads", defaultValue = "2")
    int clientThreads;
    @Option(names = "--work", defaultValue = "/tmp/loa-bench/icecast")
    Path work;
    @Option(names = "--server-cpus", description = "pin icecast2 to these CPUs (taskset list, e.g. 0), as fanout's "
            + "--controller-cpus pins the controller")
    String serverCpus;
    @Option(names = "--load-cpus", description = "pin the listeners (this process) to these CPUs, as fanout's --load-cpus")
    String loadCpus;
    @Option(names = "--tls", defaultValue = "off", description = "on: the listeners connect over HTTPS (TLS 1.3, "
            + "Icecast's OpenSSL; the source stays on a plain port), to compare with Loa's mutual TLS; off (default): HTTP")
    String tls;

    /** A throw-away self-signed P-256 certificate and its key in one PEM, as Icecast's ssl-certificate wants. */
    private static Path selfSignedPem(Path dir) throws java.io.IOException, InterruptedException {
        Path key = dir.resolve("icecast.key");
        Path crt = dir.resolve("icecast.crt");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make Icecast's certificate: " + out);
        }
        Path pem = dir.resolve("icecast.pem");
        Files.writeString(pem, Files.readString(crt) + Files.readString(key));
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-r--r--")); // icecast runs as nobody
        return pem;
    }

    @Override
    public Integer call() throws Exception {
        requireTools();
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        boolean https = switch (tls) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--tls must be on or off, got " + tls);
        };
        int port = ControllerProcess.freePort();
        int tlsPort = https ? ControllerProcess.freePort() : port;
        String pw = "bench" + System.nanoTime();
        Path config = writeConfig(port, https ? tlsPort : 0, pw);
        Path wav = work.resolve("speech.wav");
        Files.write(wav, SpeechLike.wav(SpeechLike.generate(24_000, 60, 7), 24_000));
        List<String> icecastCommand = new ArrayList<>();
        if (serverCpus != null) {
            icecastCommand.addAll(List.of("taskset", "-c", serverCpus));
        }
        icecastCommand.addAll(List.of("icecast2", "-c", config.toString()));
        if (loadCpus != null) {
            LoadOptions.pinSelf(loadCpus);
        }
        Process icecast = new ProcessBuilder(icecastCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("icecast.out").toFile())).start();
        Process ffmpeg = null;
        try (HttpListeners clients = new HttpListeners(clientThreads)) {
            Rig.pause(1500);
            if (!icecast.isAlive()) {
                throw new IllegalStateException("icecast2 exited with " + icecast.exitValue() + "; see " + work);
            }
            ffmpeg = startSource(wav, pw, port);
            Rig.pause(3000);
            ProcStats.Sample s0 = ProcStats.sample(icecast.pid());
            Rig.pause(2000);
            ProcStats.Sample idle = ProcStats.sample(icecast.pid());
            long t0 = System.nanoTime();
            clients.open("127.0.0.1", tlsPort, "/live.opus", listeners, concurrency, 120_000, https
                    ? io.netty.handler.ssl.SslContextBuilder.forClient().protocols("TLSv1.3")
                            .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE).build()
                    : null);
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            Rig.pause(2000);
            measureAndReport(clients, icecast.pid(), https, s0, idle, openSeconds);
            return 0;
        } finally {
            if (ffmpeg != null) {
                ffmpeg.destroy();
                ffmpeg.waitFor(10, TimeUnit.SECONDS);
            }
            icecast.destroy();
            if (!icecast.waitFor(10, TimeUnit.SECONDS)) {
                icecast.destroyForcibly();
            }
        }
    }

    private static void requireTools() {
        for (String tool : List.of("icecast2", "ffmpeg")) {
            if (!Codec.onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install icecast2 ffmpeg");
            }
        }
    }

    /** Icecast's configuration in the work folder; {@code tlsPort} 0: no HTTPS socket. */
    private Path writeConfig(int port, int tlsPort, String pw) throws java.io.IOException, InterruptedException {
        String tlsSocket = "";
        String tlsCertificate = "";
        if (tlsPort != 0) {
            Path pem = selfSignedPem(work);
            tlsSocket = "<listen-socket><port>%d</port><bind-address>127.0.0.1</bind-address><ssl>1</ssl></listen-socket>"
                    .formatted(tlsPort);
            tlsCertificate = "<ssl-certificate>" + pem + "</ssl-certificate>";
        }
        Path config = work.resolve("icecast.xml");
        Files.writeString(config, """
                <icecast>
                  <limits><clients>%d</clients><sources>2</sources><queue-size>524288</queue-size>
                    <client-timeout>30</client-timeout><header-timeout>15</header-timeout><source-timeout>10</source-timeout>
                    <burst-size>65535</burst-size></limits>
                  <authentication><source-password>%s</source-password><admin-user>admin</admin-user>
                    <admin-password>%s</admin-password></authentication>
                  <hostname>127.0.0.1</hostname>
                  <listen-socket><port>%d</port><bind-address>127.0.0.1</bind-address></listen-socket>
                  %s
                  <fileserve>1</fileserve>
                  <paths><basedir>/usr/share/icecast2</basedir><logdir>%s</logdir><webroot>/usr/share/icecast2/web</webroot>
                    <adminroot>/usr/share/icecast2/admin</adminroot>%s</paths>
                  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
                  <security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>
                </icecast>
                """.formatted(listeners + 20, pw, pw, port, tlsSocket, work, tlsCertificate));
        return config;
    }

    /** ffmpeg feeding the mount in real time, bounded: it stops by itself after the run. */
    private Process startSource(Path wav, String pw, int port) throws java.io.IOException {
        int total = seconds + 120;
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i",
                wav.toString(), "-t", Integer.toString(total), "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
                "-application", "voip", "-frame_duration", "20", "-page_duration", Integer.toString(pageMs * 1000),
                "-content_type", "audio/ogg", "-f", "ogg", "icecast://source:" + pw + "@127.0.0.1:" + port + "/live.opus")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("ffmpeg.log").toFile()))
                .start();
    }

    /** The measuring window once everyone listens, then the result as a Markdown table row. */
    private void measureAndReport(HttpListeners clients, long icecastPid, boolean https, ProcStats.Sample s0,
            ProcStats.Sample idle, double openSeconds) throws Exception {
        List<HttpListeners.Listener> ls = clients.listeners();
        long[] b0 = ls.stream().mapToLong(HttpListeners.Listener::bytes).toArray();
        ProcStats.Sample c0 = ProcStats.sample(icecastPid);
        Rig.pause(seconds * 1000L);
        ProcStats.Sample c1 = ProcStats.sample(icecastPid);
        long[] b1 = ls.stream().mapToLong(HttpListeners.Listener::bytes).toArray();
        List<Long> firstByte = new ArrayList<>();
        List<Long> rates = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < ls.size(); i++) {
            HttpListeners.Listener l = ls.get(i);
            if (l.ok()) {
                ok++;
                firstByte.add(l.firstByteMs());
            }
            rates.add((b1[i] - b0[i]) / seconds);
        }
        Percentiles fb = firstByte.isEmpty() ? null : Percentiles.of(firstByte);
        Percentiles rate = Percentiles.of(rates);
        System.out.println();
        System.out.println("| peer | listeners | server CPU (% of one core) | server RSS per listener | first byte p50 / p99 / max | listening (200 OK) | bytes/s per listener p50 / p1 | closed early |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.printf("| Icecast 2.4.4, %d ms Ogg pages, %s | %,d | %.1f %% (idle with the source: %.1f %%) | %.1f kB | %s | %,d | %d / %d B/s | %d |%n",
                pageMs, https ? "HTTPS (TLS 1.3)" : "HTTP", listeners, c1.cpuPercentSince(c0), idle.cpuPercentSince(s0),
                (c1.rssKb() - idle.rssKb()) / (double) listeners,
                fb == null ? "–" : fb.at(50) + " / " + fb.at(99) + " / " + fb.max() + " ms", ok, rate.at(50),
                rate.at(1), clients.closed());
        System.out.printf("server CPU per listener served: %.4f %% of a core (%s)%n", ok == 0 ? Double.NaN
                : c1.cpuPercentSince(c0) / ok, serverCpus == null && loadCpus == null ? "not pinned"
                : "icecast on CPU " + (serverCpus == null ? "any" : serverCpus) + ", listeners on CPU "
                        + (loadCpus == null ? "any" : loadCpus));
        System.out.printf("listeners opened in %.1f s; icecast RSS %d → %d kB; problems: %s%n", openSeconds, idle.rssKb(),
                c1.rssKb(), clients.problems().isEmpty() ? "none" : clients.problems().subList(0, Math.min(3, clients.problems().size())));
    }
}
