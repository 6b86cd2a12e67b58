package vn.loa.controller.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import vn.loa.controller.LoaController;

/** {@code loa-controller}: serve, or speak into a live announcement. */
@Command(name = "loa-controller", mixinStandardHelpOptions = true, version = "loa-controller 0.1.0",
        description = "Loa controller: bulletins, schedules and the state of every commune radio station.",
        subcommands = {ControllerCommand.Serve.class, ControllerCommand.MovedDemo.class, ControllerCommand.Live.class,
                MigrateDbCommand.class, vn.loa.controller.conformance.ConformanceCommand.class})
public final class ControllerCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ControllerCommand());
        // a wrong setting or an unreachable database: the reason, not a stack trace
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof vn.loa.controller.storage.StorageException) {
                line.getErr().println("loa-controller" + (parsed.subcommand() == null ? "" : " " + parsed.subcommand()
                        .commandSpec().name()) + ": " + e.getMessage());
                return e instanceof IllegalArgumentException ? 2 : 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the controller.")
    static final class Serve extends ServerOptions implements Callable<Integer> {
        /** The exit status of a node that lost the lease (EX_TEMPFAIL: start me again). */
        static final int STEPPED_DOWN = 75;

        @Override
        public Integer call() throws Exception {
            LoaController controller = new LoaController(config(), cluster());
            // a node that lost the lease stands by in its process (every leader job restarts); only if a job
            // could not start twice would it end, and its supervisor (systemd Restart=always,
            // docs/deployment.md) start it again as a standby
            controller.onStepDown(cause -> {
                if (controller.leadership().standsByAfterStepDown()) { // every leader job can start again
                    System.err.println("this node lost the leadership (" + cause + "): standing by");
                    return;
                }
                System.err.println("this node lost the leadership (" + cause + "): exiting with status "
                        + STEPPED_DOWN + " to start again as a standby");
                // from a thread of its own: the shutdown hook closes the controller, leadership thread included
                Thread.ofPlatform().name("step-down-exit").start(() -> System.exit(STEPPED_DOWN));
            });
            controller.start();
            System.out.println("  Station CA fingerprint (SHA-256): " + controller.pki().ca().fingerprint());
            awaitShutdown(controller);
            return 0;
        }
    }

    /** The demo left the controller (its simulated stations are agent code): say where it went. */
    @Command(name = "demo", description = "Moved: the demo is its own program, demo/target/loa-demo.jar.")
    static final class MovedDemo implements Callable<Integer> {
        @Unmatched
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() {
            System.err.println("The demo is its own program now (the controller carries no station-agent code):");
            System.err.println("  ./mvnw -q -B package -DskipTests && java -jar demo/target/loa-demo.jar --data loa-data");
            System.err.println("It takes the same options as before (java -jar demo/target/loa-demo.jar --help).");
            return 2;
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = "Open a live announcement and speak a WAV file into it in real time (studio feed, tests).")
    static final class Live implements Callable<Integer> {
        @Option(names = "--url", split = ",", defaultValue = "http://localhost:8080",
                description = "the controller, or every node of a cluster (comma-separated): the announcement is opened on "
                        + "the first that takes it, and if its node is lost the others are named (default ${DEFAULT-VALUE})")
        java.util.List<String> urls;
        String url;
        @Option(names = "--user", description = "account (default ${DEFAULT-VALUE})", defaultValue = "admin")
        String user;
        @Option(names = "--password", description = "password (default: $LOA_PASSWORD)")
        String password;
        @Option(names = "--title", defaultValue = "Phát thanh trực tiếp")
        String title;
        @Option(names = "--priority", description = "EMERGENCY, PRIORITY or NORMAL (default ${DEFAULT-VALUE})", defaultValue = "PRIORITY")
        String priority;
        @Option(names = "--area", description = "target area ids", split = ",")
        java.util.List<Long> areas = new java.util.ArrayList<>();
        @Option(names = "--station", description = "target station ids", split = ",")
        java.util.List<Long> stations = new java.util.ArrayList<>();
        @Option(names = "--wav", required = true, description = "the audio to speak live (WAV)")
        Path wav;
        @Option(names = "--chime", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "the stations play the chime first; the file starts after it (default ${DEFAULT-VALUE})")
        boolean chime;
        @Option(names = "--cacert", paramLabel = "FILE",
                description = "for an https:// controller with a self-signed certificate: trust this PEM (<data>/pki/https.crt)")
        Path cacert;

        @Override
        public Integer call() throws Exception {
            String pw = password != null ? password : System.getenv("LOA_PASSWORD");
            if (pw == null) {
                System.err.println("give --password or set LOA_PASSWORD");
                return 2;
            }
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var http = cacert != null ? LiveSender.trusting(cacert) : java.net.http.HttpClient.newHttpClient();
            int refused = 1;
            for (String candidate : urls) {
                url = candidate;
                try {
                    refused = speak(mapper, http, pw);
                } catch (LiveLinkLost e) {
                    System.err.println(e.advice(urls.stream().map(java.net.URI::create).toList()));
                    return 3;
                } catch (java.net.ConnectException e) {
                    System.err.println(url + ": no answer (" + e.getMessage() + ")" + (urls.size() > 1 ? "; trying the next" : ""));
                    continue;
                }
                if (refused != STANDBY) {
                    return refused;
                }
            }
            return 1;
        }

        /** The exit of {@link #speak} when the node stands by: the next controller given is tried. */
        private static final int STANDBY = -1;

        private int speak(com.fasterxml.jackson.databind.ObjectMapper mapper, java.net.http.HttpClient http, String pw)
                throws Exception {
            var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/session"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(
                            java.util.Map.of("username", user, "password", pw)))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                System.err.println("sign-in failed: " + login.body());
                return 1;
            }
            String token = mapper.readTree(login.body()).get("token").asText();
            var body = java.util.Map.of("title", title, "priority", priority, "chime", chime,
                    "targets", java.util.Map.of("areaIds", areas, "stationIds", stations, "zoneIds", java.util.List.of()),
                    "source", java.util.Map.of("type", "live"));
            var created = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/announcements"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 503 && urls.size() > 1) { // a standby, naming the leader: the next node
                System.err.println(url + ": " + created.body() + "; trying the next controller");
                return STANDBY;
            }
            if (created.statusCode() != 201) {
                System.err.println("the announcement was refused: " + created.body());
                return 1;
            }
            long id = mapper.readTree(created.body()).get("id").asLong();
            System.out.println("live announcement " + id + ": speaking " + wav
                    + (chime ? " after the chime (" + LiveSender.CHIME_WAIT.toMillis() + " ms)" : ""));
            long samples = LiveSender.stream(http, java.net.URI.create(url), token, id, wav,
                    chime ? LiveSender.CHIME_WAIT : java.time.Duration.ZERO);
            System.out.println("sent " + samples + " samples; see " + url + "/api/v1/announcements/" + id);
            return 0;
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what runs, once. */
    public static void awaitShutdown(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
