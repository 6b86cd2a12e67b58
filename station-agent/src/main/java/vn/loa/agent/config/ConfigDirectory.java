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
 * </pre>
 *
 * Every file is written to a temporary file and renamed, so a power cut leaves the old state or the new one.
 */
public final class ConfigDirectory {
    static final String CURRENT = "hardware.properties";
    static final String STAGED = "staged.properties";
    static final String STAGED_ID = "staged.id";
    static final String RESULT = "result";

    /** How a push ended on this station, kept until the controller has been told. */
    public record Result(long pushId, Outcome outcome, String reason, java.util.List<Long> testedZones) {
    }

    /** The final states a push reaches on the station. */
    public enum Outcome { APPLIED, ROLLED_BACK, FAILED }

    private final Path dir;

    public ConfigDirectory(Path dataDir) {
        this.dir = dataDir.resolve("config");
    }

    public Path dir() {
        return dir;
    }

    /** The pushed file that runs, when there is one. */
    public Optional<Path> current() {
        Path p = dir.resolve(CURRENT);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The staged file and its push id, when a push waits to be applied. */
    public Optional<Staged> staged() throws IOException {
        Path file = dir.resolve(STAGED);
        Path id = dir.resolve(STAGED_ID);
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
        write(STAGED, text);
        write(STAGED_ID, Long.toString(pushId));
    }

    /** The staged file becomes the one that runs. */
    public void promoteStaged() throws IOException {
        Files.move(dir.resolve(STAGED), dir.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(STAGED_ID));
    }

    public void dropStaged() throws IOException {
        Files.deleteIfExists(dir.resolve(STAGED));
        Files.deleteIfExists(dir.resolve(STAGED_ID));
    }

    public void writeResult(Result r) throws IOException {
        Properties p = new Properties();
        p.setProperty("pushId", Long.toString(r.pushId()));
        p.setProperty("outcome", r.outcome().name());
        p.setProperty("reason", r.reason());
        p.setProperty("testedZones", String.join(",", r.testedZones().stream().map(String::valueOf).toList()));
        StringWriter out = new StringWriter();
        p.store(out, "how the last pushed configuration went (reported to the controller, then deleted)");
        write(RESULT, out.toString());
    }

    public Optional<Result> result() throws IOException {
        Path f = dir.resolve(RESULT);
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
        Files.deleteIfExists(dir.resolve(RESULT));
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
