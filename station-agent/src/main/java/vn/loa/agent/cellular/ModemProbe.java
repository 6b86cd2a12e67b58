package vn.loa.agent.cellular;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.CellularLink;

/**
 * Asks ModemManager ({@code mmcli -J}) about the station's mobile link, at most once per {@code every}, and keeps
 * the last answer for the heartbeat. A station without mmcli or without a modem has none. Blocking (runs a
 * program): call {@link #refresh} on the agent's I/O executor, never on the link's event loop.
 */
public final class ModemProbe {
    private static final Logger log = LoggerFactory.getLogger(ModemProbe.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String mmcli;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Duration every;
    private final java.nio.file.Path sysNet;
    private volatile CellularLink latest;
    private Instant lastRun;
    private boolean missingLogged;

    /** @param environment extra environment for mmcli (tests put a fake one first on PATH) */
    public ModemProbe(String mmcli, Map<String, String> environment, Clock clock, Duration every) {
        this(mmcli, environment, clock, every, java.nio.file.Path.of("/sys/class/net"));
    }

    /** @param sysNet where the interfaces' byte counters are ({@code /sys/class/net}) */
    public ModemProbe(String mmcli, Map<String, String> environment, Clock clock, Duration every, java.nio.file.Path sysNet) {
        this.sysNet = sysNet;
        this.mmcli = mmcli;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.every = every;
    }

    /** The last link read; empty when there is no modem (or mmcli). */
    public Optional<CellularLink> latest() {
        return Optional.ofNullable(latest);
    }

    /** Reads the modem again if the last reading is older than the interval. */
    public void refresh() {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(every))) {
            return;
        }
        lastRun = now;
        try {
            Optional<Integer> modem = MmcliParser.firstModem(run("-J", "-L"));
            if (modem.isEmpty()) {
                latest = null;
                return;
            }
            String m = Integer.toString(modem.get());
            String signal;
            try {
                signal = run("-J", "-m", m, "--signal-get");
            } catch (IOException e) {
                signal = null; // extended signal needs --signal-setup once; the basic quality still counts
            }
            latest = withBytes(MmcliParser.link(run("-J", "-m", m), signal));
        } catch (IOException e) {
            latest = null;
            if (!missingLogged) {
                log.info("no cellular link health: {}", e.getMessage());
                missingLogged = true;
            }
        }
    }

    /** Adds the interface's byte counters when they can be read. */
    private CellularLink withBytes(CellularLink link) {
        if (link.getInterface().isEmpty() || link.getInterface().contains("/")) {
            return link;
        }
        java.nio.file.Path stats = sysNet.resolve(link.getInterface()).resolve("statistics");
        try {
            long rx = Long.parseLong(java.nio.file.Files.readString(stats.resolve("rx_bytes")).strip());
            long tx = Long.parseLong(java.nio.file.Files.readString(stats.resolve("tx_bytes")).strip());
            return link.toBuilder().setHasBytes(true).setRxBytes(rx).setTxBytes(tx).build();
        } catch (IOException | NumberFormatException e) {
            return link;
        }
    }

    /** The program as named, or found on the PATH this probe runs it with (the JDK searches the agent's own). */
    private String resolve() throws IOException {
        if (mmcli.contains("/")) {
            return mmcli;
        }
        String path = environment.getOrDefault("PATH", System.getenv("PATH"));
        for (String dir : (path == null ? "" : path).split(":")) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, mmcli);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException(mmcli + " is not on the PATH (no ModemManager here)");
    }

    private String run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(resolve());
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().putAll(environment);
        Process p = b.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(mmcli + " " + String.join(" ", args) + " did not answer in " + TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(mmcli + " " + String.join(" ", args) + " failed with exit code " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + mmcli, e);
        }
    }
}
