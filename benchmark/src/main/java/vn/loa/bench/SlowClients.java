package vn.loa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.stats.ProcStats;

/**
 * Issue 13's resource-exhaustion figure: N slow clients at once — unauthenticated bodies that never finish,
 * slowloris heads (a byte at a time) and signed-in uploads that dribble — against one controller process, whose
 * VmRSS is sampled every second while a normal client keeps asking {@code /api/v1/health}. Clients come from
 * 127.0.0.10 and up (50 per address), the normal one from 127.0.0.2. No assertion: it prints figures
 * (docs/performance.md#slow-clients).
 */
@Command(name = "slow-clients", mixinStandardHelpOptions = true,
        description = "RSS of the controller under N slow or unfinished HTTP clients, and whether a normal client is served.")
final class SlowClients implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "200", description = "slow clients in all, split evenly over the kinds (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--seconds", defaultValue = "40", description = "how long they are held (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--byte-every-ms", defaultValue = "5000", description = "a slow client sends one byte this often (default ${DEFAULT-VALUE})")
    int byteEveryMs;
    @Option(names = "--target", description = "an already running controller's base URL (with --target-pid and --admin-password); default: start one")
    String target;
    @Option(names = "--target-pid", description = "the process id of --target, whose /proc/<pid>/status is read")
    Long targetPid;
    @Option(names = "--admin-password", description = "the admin password of --target (the signed-in uploads need it)")
    String adminPassword;
    @Option(names = "--work", defaultValue = "/tmp/loa-bench/slow-clients", description = "work directory of a started controller")
    Path work;
    @Option(names = "--controller-jar", defaultValue = "controller/target/loa-controller.jar")
    Path controllerJar;
    @Option(names = "--controller-jvm", defaultValue = "", description = "extra JVM flags of a started controller")
    String controllerJvm;

    /** The kinds of slow client, in the order they are opened. */
    static final List<String> KINDS = List.of("unauthenticated bodies", "slowloris heads", "signed-in dribbling uploads");

    /** Fails fast, with every reason, on options that cannot work together. */
    void check() {
        List<String> errors = new ArrayList<>();
        if (clients < KINDS.size()) {
            errors.add("--clients: at least " + KINDS.size());
        }
        if (seconds < 1) {
            errors.add("--seconds: at least 1");
        }
        if (byteEveryMs < 1) {
            errors.add("--byte-every-ms: at least 1");
        }
        if (target != null && (targetPid == null || adminPassword == null)) {
            errors.add("--target needs --target-pid (to read its RSS) and --admin-password");
        }
        if (!errors.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), String.join("; ", errors));
        }
    }

    /** How many of each kind: an even split, the remainder to the first kinds. */
    List<SlowClientsReport.Kind> split() {
        List<SlowClientsReport.Kind> out = new ArrayList<>();
        for (int i = 0; i < KINDS.size(); i++) {
            out.add(new SlowClientsReport.Kind(KINDS.get(i), clients / KINDS.size() + (i < clients % KINDS.size() ? 1 : 0)));
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        check();
        String password = adminPassword != null ? adminPassword : "bench-" + UUID.randomUUID();
        ControllerProcess started = target == null
                ? ControllerProcess.start(controllerJar, work, password, controllerJvm.isBlank() ? List.of()
                        : List.of(controllerJvm.split(" ")))
                : null;
        try {
            String base = started != null ? started.baseUrl() : target;
            long pid = started != null ? started.pid() : targetPid;
            Api api = new Api(base);
            api.signIn("admin", password);
            SlowClientsReport report = run(URI.create(base), pid, api.token());
            System.out.print(report.format());
            return 0;
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private SlowClientsReport run(URI base, long pid, String token) throws Exception {
        List<SlowClientsReport.Kind> kinds = split();
        long idle = ProcStats.sample(pid).rssKb();
        List<Socket> open = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        int n = 0;
        for (SlowClientsReport.Kind kind : kinds) {
            for (int i = 0; i < kind.count(); i++, n++) {
                Socket s = new Socket(InetAddress.getByName(base.getHost()), base.getPort(),
                        InetAddress.getByName("127.0.0." + (10 + n / 50)), 0);
                String[] parts = opening(kind.name(), token);
                s.getOutputStream().write(parts[0].getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                open.add(s);
                rest.add(parts[1]);
            }
        }
        HttpClient normal = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                .connectTimeout(Duration.ofSeconds(5)).build();
        long peak = idle;
        int ok = 0;
        int failed = 0;
        long slowest = 0;
        int[] sent = new int[open.size()];
        boolean[] cut = new boolean[open.size()];
        long start = System.nanoTime();
        long nextByte = start;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            if (System.nanoTime() >= nextByte) {
                nextByte += byteEveryMs * 1_000_000L;
                for (int i = 0; i < open.size(); i++) {
                    cut[i] = cut[i] || !trickle(open.get(i), rest.get(i), sent, i);
                }
            }
            peak = Math.max(peak, ProcStats.sample(pid).rssKb());
            long t0 = System.nanoTime();
            try {
                HttpResponse<Void> r = normal.send(HttpRequest.newBuilder(base.resolve("/api/v1/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    ok++;
                    slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                } else {
                    failed++;
                }
            } catch (IOException e) {
                failed++;
            }
            Rig.pause(1000);
        }
        long end = ProcStats.sample(pid).rssKb();
        int cutOff = 0;
        for (int i = 0; i < open.size(); i++) {
            cut[i] = cut[i] || !trickle(open.get(i), rest.get(i), sent, i) || closedByPeer(open.get(i));
            cutOff += cut[i] ? 1 : 0;
            open.get(i).close();
        }
        return new SlowClientsReport(kinds, seconds, idle, peak, end, ok, failed, slowest, cutOff);
    }

    /** What a slow client of this kind sends at once, and what it then sends a byte at a time. */
    static String[] opening(String kind, String token) {
        return switch (kind) {
            case "unauthenticated bodies" -> new String[] {"POST /api/v1/session HTTP/1.1\r\nHost: loa\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 16000\r\n\r\n{\"username\":\"" + "a".repeat(8000),
                    "a".repeat(8000)};
            case "slowloris heads" -> new String[] {"GET /api/v1/health HTTP/1.1\r\nHo", "st: loa\r\nX-Slow: " + "x".repeat(8000)};
            case "signed-in dribbling uploads" -> new String[] {"POST /api/v1/bulletins HTTP/1.1\r\nHost: loa\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=slow\r\n"
                    + "Content-Length: 50000000\r\n\r\n--slow\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"slow.wav\"\r\n\r\n" + "\0".repeat(1_000_000), "\0".repeat(1_000_000)};
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Sends the next byte; false when the controller has closed the connection. */
    private static boolean trickle(Socket s, String rest, int[] sent, int i) {
        if (s.isClosed()) {
            return false;
        }
        try {
            OutputStream out = s.getOutputStream();
            out.write(rest.charAt(sent[i] % rest.length()));
            out.flush();
            sent[i]++;
            return !closedByPeer(s);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the controller has answered or closed (without waiting). */
    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            if (in.available() > 0) {
                return true; // it answered (a refusal): the connection closes after it
            }
            s.setSoTimeout(1);
            try {
                return in.read() < 0;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            }
        } catch (IOException e) {
            return true;
        }
    }
}
