package vn.loa.controller.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;
import vn.loa.controller.demo.Demo;
import vn.loa.controller.storage.DatabaseSettings;

/** {@code loa-controller}: serve, or run the demo. */
@Command(name = "loa-controller", mixinStandardHelpOptions = true, version = "loa-controller 0.1.0",
        description = "Loa controller: bulletins, schedules and the state of every commune radio station.",
        subcommands = {ControllerCommand.Serve.class, ControllerCommand.DemoCmd.class, ControllerCommand.Live.class,
                MigrateDbCommand.class})
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

    static class Common {
        @Option(names = "--data", description = "data directory (database, audio)", defaultValue = "loa-data")
        Path data;
        @Option(names = "--http-port", description = "HTTP port of the console and API (default ${DEFAULT-VALUE})",
                defaultValue = "8080")
        int httpPort;
        @Option(names = "--agent-port", description = "TCP port station agents dial (default ${DEFAULT-VALUE})",
                defaultValue = "7070")
        int agentPort;
        @Option(names = "--bind", description = "address to listen on (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
        String bind;
        @Option(names = "--max-upload-mb", description = "largest upload accepted, MiB (default ${DEFAULT-VALUE})",
                defaultValue = "64")
        int maxUploadMb;
        @Option(names = "--max-frame-kb", description = "largest protocol frame accepted from an agent, KiB (default ${DEFAULT-VALUE})",
                defaultValue = "1024")
        int maxFrameKb;
        @Option(names = "--agent-tls", paramLabel = "required|off", defaultValue = "required",
                description = "stations connect with mutual TLS 1.3 and a certificate from `loa-agent enroll` "
                        + "(required), or plain TCP with the station secret (off) (default ${DEFAULT-VALUE})")
        String agentTls;
        @Option(names = "--http-tls", paramLabel = "on|off",
                description = "serve the console and API over HTTPS (default: on for serve, off for demo)")
        String httpTls;
        @Option(names = "--https-cert", paramLabel = "FILE", description = "certificate chain (PEM) for HTTPS; "
                + "default: a self-signed certificate made under <data>/pki/")
        Path httpsCert;
        @Option(names = "--https-key", paramLabel = "FILE", description = "private key (PEM) of --https-cert")
        Path httpsKey;
        @Option(names = "--database", paramLabel = "URL", description = "jdbc:postgresql://HOST:PORT/DATABASE to run "
                + "on PostgreSQL (docs/deployment.md); default: H2 in <data>/loa.mv.db")
        String database;
        @Option(names = "--database-credentials", paramLabel = "FILE", description = "properties file with user=… and "
                + "password=… for --database (default: $" + DatabaseSettings.USER_ENV + " and $"
                + DatabaseSettings.PASSWORD_ENV + ")")
        Path databaseCredentials;

        /** Whether HTTPS is on when --http-tls is not given. */
        boolean httpTlsByDefault() {
            return true;
        }

        vn.loa.controller.pki.SecurityConfig security() {
            boolean agent = switch (agentTls.toLowerCase(java.util.Locale.ROOT)) {
                case "required", "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--agent-tls must be required or off, got " + agentTls);
            };
            boolean http = httpTls == null ? httpTlsByDefault() : switch (httpTls.toLowerCase(java.util.Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--http-tls must be on or off, got " + httpTls);
            };
            return vn.loa.controller.pki.SecurityConfig.secure().withAgentTls(agent).withHttpTls(http)
                    .withHttpsFiles(httpsCert, httpsKey);
        }

        ControllerConfig config() {
            return ControllerConfig.of(data, httpPort, agentPort).withHosts(bind)
                    .withMaxUploadBytes(Math.multiplyExact(maxUploadMb, 1024 * 1024))
                    .withMaxFrameBytes(Math.multiplyExact(maxFrameKb, 1024))
                    .withSecurity(security())
                    .withDatabase(DatabaseSettings.resolve(database, databaseCredentials, System.getenv(), data));
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the controller.")
    static final class Serve extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LoaController controller = new LoaController(config()).start();
            System.out.println("  Station CA fingerprint (SHA-256): " + controller.pki().ca().fingerprint());
            awaitShutdown(controller);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Run the controller with Lạng Sơn demo data and 37 simulated stations on this machine.")
    static final class DemoCmd extends Common implements Callable<Integer> {
        /** The demo's tour is on one machine with curl and a browser: plain HTTP unless --http-tls on. */
        @Override
        boolean httpTlsByDefault() {
            return false;
        }

        @Override
        public Integer call() throws Exception {
            Demo demo = Demo.start(config());
            System.out.println();
            System.out.println("  Loa demo: " + (demo.controller().pki().httpsContext() != null ? "https" : "http")
                    + "://localhost:" + demo.controller().httpPort() + "/api/v1/stations");
            System.out.println("  Recordings of the simulated stations: " + data.resolve("sim").toAbsolutePath());
            System.out.println();
            awaitShutdown(demo);
            return 0;
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = "Open a live announcement and speak a WAV file into it in real time (studio feed, tests).")
    static final class Live implements Callable<Integer> {
        @Option(names = "--url", description = "the controller (default ${DEFAULT-VALUE})", defaultValue = "http://localhost:8080")
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
            var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/session"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(
                            java.util.Map.of("username", user, "password", pw)))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                System.err.println("sign-in failed: " + login.body());
                return 1;
            }
            String token = mapper.readTree(login.body()).get("token").asText();
            var body = java.util.Map.of("title", title, "priority", priority, "chime", true,
                    "targets", java.util.Map.of("areaIds", areas, "stationIds", stations, "zoneIds", java.util.List.of()),
                    "source", java.util.Map.of("type", "live"));
            var created = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/announcements"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                System.err.println("the announcement was refused: " + created.body());
                return 1;
            }
            long id = mapper.readTree(created.body()).get("id").asLong();
            System.out.println("live announcement " + id + ": speaking " + wav);
            long samples = LiveSender.stream(http, java.net.URI.create(url), token, id, wav);
            System.out.println("sent " + samples + " samples; see " + url + "/api/v1/announcements/" + id);
            return 0;
        }
    }

    private static void awaitShutdown(AutoCloseable running) throws InterruptedException {
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
