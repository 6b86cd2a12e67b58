package vn.loa.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Pushed configuration on the station (docs/configuration.md), under {@code <data>/config/}:
 *
 * <pre>
 * hardware.properties   the pushed hardware file that runs (the last good one); absent: the packaged file
 * staged.properties     a pushed file waiting for the station to be idle, then for its self-test at start
 * staged.id             the controller's push id of the staged file
 * result                how the last push ended (push id, state, reason, zones tested), until reported
 *
 * station.properties          the pushed agent settings that run (the last good ones; {@link Slot#SETTINGS})
 * staged-station.properties   pushed settings waiting for the station to be idle (and .id)
 * trying-station.properties   pushed settings on trial: kept once the agent is connected again (and .id)
 * result-station              how the last settings push ended, until reported
 * </pre>
 *
 * Every file is written to a temporary file and renamed, so a power cut leaves the old state or the new one.
 */
public final class ConfigDirectory {
    /** Which pushed file: the hardware file or the agent's settings; each has its own files here. */
    public enum Slot {
        HARDWARE("hardware.properties", "staged.properties", "staged.id", "result"),
        SETTINGS("station.properties", "staged-station.properties", "staged-station.id", "result-station");

        final String current;
        final String staged;
        final String stagedId;
        final String result;

        Slot(String current, String staged, String stagedId, String result) {
            this.current = current;
            this.staged = staged;
            this.stagedId = stagedId;
            this.result = result;
        }
    }

    static final String TRYING = "trying-station.properties";
    static final String TRYING_ID = "trying-station.id";

    /** How a push ended on this station, kept until the controller has been told. */
    public record Result(long pushId, Outcome outcome, String reason, java.util.List<Long> testedZones) {
    }

    /** The final states a push reaches on the station. */
    public enum Outcome { APPLIED, ROLLED_BACK, FAILED }

    private final Path dir;
    private final String currentName;
    private final String stagedName;
    private final String stagedIdName;
    private final String resultName;

    /** The hardware file's slot. */
    public ConfigDirectory(Path dataDir) {
        this(dataDir, Slot.HARDWARE);
    }

    public ConfigDirectory(Path dataDir, Slot slot) {
        this.dir = dataDir.resolve("config");
        this.currentName = slot.current;
        this.stagedName = slot.staged;
        this.stagedIdName = slot.stagedId;
        this.resultName = slot.result;
    }

    public Path dir() {
        return dir;
    }

    /** The pushed file that runs, when there is one. */
    public Optional<Path> current() {
        Path p = dir.resolve(currentName);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The staged file and its push id, when a push waits to be applied. */
    public Optional<Staged> staged() throws IOException {
        Path file = dir.resolve(stagedName);
        Path id = dir.resolve(stagedIdName);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(id)) {
            return Optional.empty();
        }
        return Optional.of(new Staged(Long.parseLong(Files.readString(id).strip()),
                Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** A pushed file waiting to be applied. */
    public record Staged(long pushId, String text) {
    }

    public void stage(long pushId, String text) throws IOException {
        write(stagedName, text);
        write(stagedIdName, Long.toString(pushId));
    }

    /** The staged file becomes the one that runs. */
    public void promoteStaged() throws IOException {
        Files.move(dir.resolve(stagedName), dir.resolve(currentName), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(stagedIdName));
    }

    public void dropStaged() throws IOException {
        Files.deleteIfExists(dir.resolve(stagedName));
        Files.deleteIfExists(dir.resolve(stagedIdName));
    }

    /** Settings on trial: the push id and the seconds the agent has to connect again, when a trial runs. */
    public record Trying(long pushId, int seconds, String text) {
    }

    /** The staged settings go on trial (at start): they run, but are kept only once the agent connects. */
    public void stagedToTrying(int seconds) throws IOException {
        long pushId = Long.parseLong(Files.readString(dir.resolve(stagedIdName)).strip());
        write(TRYING_ID, pushId + " " + seconds);
        Files.move(dir.resolve(stagedName), dir.resolve(TRYING), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(stagedIdName));
    }

    public Optional<Trying> trying() throws IOException {
        Path file = dir.resolve(TRYING);
        Path id = dir.resolve(TRYING_ID);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(id)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(id).strip().split(" ");
        return Optional.of(new Trying(Long.parseLong(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** The settings on trial connected: they become the ones that run. */
    public void promoteTrying() throws IOException {
        Files.move(dir.resolve(TRYING), dir.resolve(currentName), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(TRYING_ID));
    }

    public void dropTrying() throws IOException {
        Files.deleteIfExists(dir.resolve(TRYING));
        Files.deleteIfExists(dir.resolve(TRYING_ID));
    }

    public void writeResult(Result r) throws IOException {
        Properties p = new Properties();
        p.setProperty("pushId", Long.toString(r.pushId()));
        p.setProperty("outcome", r.outcome().name());
        p.setProperty("reason", r.reason());
        p.setProperty("testedZones", String.join(",", r.testedZones().stream().map(String::valueOf).toList()));
        StringWriter out = new StringWriter();
        p.store(out, "how the last pushed configuration went (reported to the controller, then deleted)");
        write(resultName, out.toString());
    }

    public Optional<Result> result() throws IOException {
        Path f = dir.resolve(resultName);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
        String zones = p.getProperty("testedZones", "");
        return Optional.of(new Result(Long.parseLong(p.getProperty("pushId", "0")),
                Outcome.valueOf(p.getProperty("outcome", Outcome.FAILED.name())), p.getProperty("reason", ""),
                zones.isBlank() ? java.util.List.of()
                        : java.util.Arrays.stream(zones.split(",")).map(Long::parseLong).toList()));
    }

    public void clearResult() throws IOException {
        Files.deleteIfExists(dir.resolve(resultName));
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
