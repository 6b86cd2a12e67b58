package vn.loa.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.link.ControllerAddress;
import vn.loa.agent.StationAgent;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.agent.selftest.SelfTestCommand;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.hardware.sim.SimHardware;

/** {@code loa-agent}: the station agent's command line. */
@Command(name = "loa-agent", mixinStandardHelpOptions = true, version = "loa-agent " + vn.loa.agent.link.ControllerLink.AGENT_VERSION,
        description = "Loa station agent: plays the commune's bulletins on the station's loudspeakers.",
        subcommands = {AgentCommand.Run.class, SelfTestCommand.class, EnrollCommand.class})
public final class AgentCommand implements Runnable {
    /** The exit code of a remote restart (EX_TEMPFAIL): the service manager starts the agent again. */
    public static final int RESTART_EXIT_CODE = 75;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "loa-agent-logback.xml");
        }
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Connect to the controller and play this station's plan (keeps playing when the link is down).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", description = "properties file (docs/hardware.md#station-settings) with any of: controller (HOST:PORT), station, secret, data, hardware, warmUpMs, zoneSettleMs, holdMs (the last two only without --hardware-config), dataQuotaMiB (the data plan's monthly quota), gpsd (HOST:PORT: GPS time when there is no NTP and no RTC)")
        Path config;
        @Option(names = "--controller", description = "HOST:PORT of the controller's agent port; for a cluster of "
                + "controllers on PostgreSQL, every node's, comma-separated, in the order to try")
        String controller;
        @Option(names = "--station", description = "station id")
        Long station;
        @Option(names = "--secret", description = "station secret (shown when the station was created)")
        String secret;
        @Option(names = "--data", description = "data directory (plan, audio cache, outbox)")
        Path data;
        @Option(names = "--hardware", description = "hardware driver: sim")
        String hardware;
        @Option(names = "--hardware-config", paramLabel = "FILE",
                description = "the station's real hardware (docs/hardware.md): relays, inputs, sound card; without it the hardware is simulated")
        Path hardwareConfig;
        @Option(names = "--tls", paramLabel = "auto|on|off", defaultValue = "auto",
                description = "mutual TLS with the certificate from `loa-agent enroll` (<data>/pki/station.pem): "
                        + "auto = when that file exists; off = plain TCP with --secret (default ${DEFAULT-VALUE})")
        String tls;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Properties p = new Properties();
            if (config != null) {
                try (InputStream in = Files.newInputStream(config)) {
                    p.load(in);
                }
            }
            // pushed settings (<data>/config/station.properties) win over the packaged file, key by key; staged ones go
            // on trial: kept once connected again, else rolled back (docs/configuration.md#agent-settings)
            Path dataDir = data != null ? data : Path.of(p.getProperty("data", "loa-agent-data"));
            long logId = station != null ? station : 0;
            p.putAll(vn.loa.agent.config.SettingsTrial.choose(logId, dataDir).overlay());
            AgentConfig cfg;
            StationAgent.HardwareFactory devices;
            try {
                cfg = configuration(p);
                Path simDir = cfg.dataDir().resolve("sim");
                devices = stationClock -> SimHardware.create(simDir, stationClock, Set.of()).hardware();
                if (hardwareConfig != null) {
                    for (String key : new String[] {"warmUpMs", "holdMs"}) {
                        if (p.getProperty(key) != null) {
                            // the hardware file decides the relay timings: a second value would be ignored silently
                            throw new IllegalArgumentException(config + ": " + key + " is set here, but with "
                                    + "--hardware-config the relay timings come from " + hardwareConfig + " (timing."
                                    + key + "); move it there and remove it from " + config);
                        }
                    }
                }
                // a pushed file (<data>/config/) wins over --hardware-config; a staged push is self-tested first
                // and kept only if that passes (docs/configuration.md)
                HardwareBuilder builder = new HardwareBuilder(HardwareBuilder.Drivers.realOwnedByCaller());
                vn.loa.agent.config.ConfigTrial.Choice choice = vn.loa.agent.config.ConfigTrial.choose(cfg.stationId(),
                        cfg.dataDir(), hardwareConfig, builder::create, java.time.Clock.systemUTC());
                if (choice.config().isPresent()) {
                    HardwareConfig hw = choice.config().get();
                    cfg = cfg.withTimings(hw.timings().warmUp(), cfg.zoneSettle(), hw.timings().hold());
                    devices = stationClock -> {
                        try {
                            // the agent's shutdown hook closes the hardware: no second hook (one shutdown path)
                            return builder.create(hw, stationClock);
                        } catch (HardwareException e) {
                            throw new IllegalStateException("cannot open the station hardware: " + e.getMessage(), e);
                        }
                    };
                }
            } catch (IllegalArgumentException | HardwareConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            vn.loa.agent.clock.LocalTimeSources timeSources = vn.loa.agent.clock.LocalTimeSources.linux();
            if (p.getProperty("gpsd") != null) {
                try {
                    timeSources = timeSources.withGpsd(vn.loa.agent.clock.GpsdAddress.parse(p.getProperty("gpsd")));
                } catch (IllegalArgumentException e) {
                    System.err.println(config + ": " + e.getMessage());
                    return 2;
                }
            }
            StationAgent agent = new StationAgent(cfg, devices, OpusAudioSource::open, null,
                    new StationAgent.ClockSetup(java.time.Clock.systemUTC(), vn.loa.agent.clock.StationClock::linuxBootId,
                            timeSources));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
            }, "agent-shutdown"));
            // a remote restart: stop cleanly (the shutdown hook) and exit for systemd (Restart=always) to start us again
            agent.onRestart(() -> System.exit(RESTART_EXIT_CODE));
            agent.start();
            stopped.await();
            return 0;
        }

        /** The agent's configuration from the options and the properties file; a usage error says what is wrong. */
        private AgentConfig configuration(Properties p) {
            String target = controller != null ? controller : p.getProperty("controller", "");
            // one controller, or the nodes of a cluster in the order to try: HOST:PORT[,HOST:PORT…]
            java.util.List<ControllerAddress> controllers;
            try {
                controllers = ControllerAddress.parseList(target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--controller must be HOST:PORT[,HOST:PORT…]: " + e.getMessage());
            }
            String host = controllers.get(0).host();
            int port = controllers.get(0).port();
            long stationId = station != null ? station : Long.parseLong(p.getProperty("station", "0"));
            Path dir = data != null ? data : Path.of(p.getProperty("data", "loa-agent-data"));
            Path identity = identity(dir);
            if (identity != null) {
                long certified = certifiedStation(identity);
                if (stationId != 0 && stationId != certified) {
                    throw new IllegalArgumentException("--station " + stationId + " but the certificate in " + identity
                            + " is station " + certified + "'s");
                }
                stationId = certified;
            }
            return new AgentConfig(host, port, stationId, secret != null ? secret : p.getProperty("secret"), dir,
                    hardware != null ? hardware : p.getProperty("hardware", "sim"),
                    millis(p, "warmUpMs", AgentConfig.DEFAULT_WARM_UP), millis(p, "zoneSettleMs", AgentConfig.DEFAULT_ZONE_SETTLE),
                    millis(p, "holdMs", AgentConfig.DEFAULT_HOLD), AgentConfig.DEFAULT_LATE_TOLERANCE,
                    Duration.ofMillis(500), Duration.ofSeconds(30),
                    p.getProperty("chimeFile") == null ? null : Path.of(p.getProperty("chimeFile")), identity,
                    controllers.subList(1, controllers.size()), cellular(p));
        }

        /** The data plan's monthly quota ({@code dataQuotaMiB}, docs/hardware.md#station-settings); none when absent. */
        private static vn.loa.agent.cellular.CellularSettings cellular(Properties p) {
            String quota = p.getProperty("dataQuotaMiB", "").strip();
            if (quota.isEmpty()) {
                return vn.loa.agent.cellular.CellularSettings.defaults();
            }
            try {
                long mib = Long.parseLong(quota);
                if (mib <= 0) {
                    throw new NumberFormatException();
                }
                return vn.loa.agent.cellular.CellularSettings.defaults().withQuotaMiB(mib);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dataQuotaMiB must be the data plan's monthly quota in MiB, a positive "
                        + "whole number (e.g. dataQuotaMiB = 3072 for 3 GB), got '" + quota + "'");
            }
        }

        /** The station's certificate file, when the link is to be mutual TLS. */
        private Path identity(Path dir) {
            return switch (tls) {
                case "on" -> StationIdentity.file(dir);
                case "auto" -> StationIdentity.exists(dir) ? StationIdentity.file(dir) : null;
                case "off" -> null;
                default -> throw new IllegalArgumentException("--tls must be auto, on or off, got " + tls);
            };
        }

        private static long certifiedStation(Path identity) {
            try {
                return StationIdentity.load(identity).stationId();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        private static Duration millis(Properties p, String key, Duration fallback) {
            return Duration.ofMillis(Long.parseLong(p.getProperty(key, String.valueOf(fallback.toMillis()))));
        }
    }
}
