package vn.loa.agent.update;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import vn.loa.protocol.release.ReleaseSignature;

/**
 * The releases on a station's disk (docs/updates.md), shared by the launcher and the agent it runs:
 * <pre>
 * &lt;data&gt;/releases/&lt;version&gt;/loa-agent.jar   an installed release
 * &lt;data&gt;/releases/&lt;version&gt;/good            it connected and passed its start-up self-test
 * &lt;data&gt;/releases/&lt;version&gt;/bad             the launcher reverted it (the reason inside); never installed again
 * &lt;data&gt;/releases/current → &lt;version&gt;      what the launcher runs (none: the packaged jar)
 * &lt;data&gt;/releases/trial                   the release on trial, the one before it, the deadline
 * &lt;data&gt;/releases/reverted                the last revert, until the agent has reported it
 * </pre>
 * Every change is a write to a temporary file then an atomic rename, so a power cut leaves the old or the new
 * state, never half of one.
 */
public final class ReleaseDirectory {
    public static final String JAR = "loa-agent.jar";
    private static final String CURRENT = "current";
    private static final String TRIAL = "trial";
    private static final String REVERTED = "reverted";
    private static final String GOOD = "good";
    private static final String BAD = "bad";

    private final Path root;

    public ReleaseDirectory(Path dataDir) {
        this.root = dataDir.resolve("releases");
    }

    public Path root() {
        return root;
    }

    /** The jar of {@code version}, after checking the version is a safe directory name. */
    public Path jarOf(String version) {
        return dirOf(version).resolve(JAR);
    }

    private Path dirOf(String version) {
        if (!ReleaseSignature.isVersion(version)) {
            throw new IllegalArgumentException("not a release version: '" + version + "'");
        }
        return root.resolve(version);
    }

    /** The release {@code current} names; empty when none (the packaged jar runs). */
    public Optional<String> current() throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        String name = Files.readSymbolicLink(link).getFileName().toString();
        return ReleaseSignature.isVersion(name) ? Optional.of(name) : Optional.empty();
    }

    public ReleaseState read() throws IOException {
        Optional<String> current = current();
        Trial trial = trial().orElse(null);
        if (current.isEmpty()) {
            return new ReleaseState(null, false, false, trial);
        }
        String v = current.get();
        return new ReleaseState(v, Files.isRegularFile(jarOf(v)), Files.exists(dirOf(v).resolve(GOOD)), trial);
    }

    public Optional<Trial> trial() throws IOException {
        Optional<Properties> p = load(root.resolve(TRIAL));
        if (p.isEmpty()) {
            return Optional.empty();
        }
        String previous = p.get().getProperty("previous", "");
        try {
            return Optional.of(new Trial(p.get().getProperty("version"), previous.isEmpty() ? null : previous,
                    Instant.parse(p.get().getProperty("deadline"))));
        } catch (RuntimeException e) {
            throw new IOException(root.resolve(TRIAL) + " is damaged (" + e.getMessage() + "): delete it to keep "
                    + "the current release, or point current back by hand (docs/updates.md)", e);
        }
    }

    public boolean installed(String version) {
        return Files.isRegularFile(jarOf(version));
    }

    public boolean isBad(String version) {
        return Files.exists(dirOf(version).resolve(BAD));
    }

    public boolean isGood(String version) {
        return Files.exists(dirOf(version).resolve(GOOD));
    }

    /** Moves a verified jar into place as {@code version}'s (replacing a half-installed one). */
    public Path install(String version, Path verifiedJar) throws IOException {
        Path dir = Files.createDirectories(dirOf(version));
        Path target = dir.resolve(JAR);
        move(verifiedJar, target);
        return target;
    }

    /**
     * Makes {@code version} current, on trial until {@code now + limit}: the trial file first (naming the
     * release to go back to), then the {@code current} link.
     */
    public void activate(String version, Duration limit, Instant now) throws IOException {
        if (!installed(version)) {
            throw new IOException("release " + version + " is not installed under " + root);
        }
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("previous", current().orElse(""));
        p.setProperty("deadline", now.plus(limit).toString());
        store(p, root.resolve(TRIAL));
        point(version);
    }

    /** The running release connected and passed its self-test: it stays. */
    public void markGood(String version) throws IOException {
        Files.writeString(dirOf(version).resolve(GOOD), Instant.now().toString() + "\n", StandardCharsets.US_ASCII);
        endTrial(version);
    }

    /** Removes the trial file if it is {@code version}'s (the release was marked good). */
    public void endTrial(String version) throws IOException {
        Optional<Trial> t = trial();
        if (t.isPresent() && t.get().version().equals(version)) {
            Files.deleteIfExists(root.resolve(TRIAL));
        }
    }

    /** Goes back: {@code current} to {@code step.to()} (none: the packaged jar); the failed release is marked bad. */
    public void revert(LaunchStep.Revert step, Instant now) throws IOException {
        Properties why = new Properties();
        why.setProperty("from", step.from());
        why.setProperty("to", step.to() == null ? "" : step.to());
        why.setProperty("reason", step.reason().name());
        why.setProperty("at", now.toString());
        Files.createDirectories(dirOf(step.from()));
        store(why, dirOf(step.from()).resolve(BAD));
        store(why, root.resolve(REVERTED));
        if (step.to() == null || !installed(step.to())) {
            Files.deleteIfExists(root.resolve(CURRENT));
        } else {
            point(step.to());
        }
        Files.deleteIfExists(root.resolve(TRIAL));
    }

    /** A revert the agent has not reported yet. */
    public record Reverted(String from, String to, RevertReason reason, Instant at) {
    }

    public Optional<Reverted> reverted() throws IOException {
        Optional<Properties> p = load(root.resolve(REVERTED));
        if (p.isEmpty()) {
            return Optional.empty();
        }
        String to = p.get().getProperty("to", "");
        try {
            return Optional.of(new Reverted(p.get().getProperty("from"), to.isEmpty() ? null : to,
                    RevertReason.valueOf(p.get().getProperty("reason")), Instant.parse(p.get().getProperty("at"))));
        } catch (RuntimeException e) {
            throw new IOException(root.resolve(REVERTED) + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The revert was reported. */
    public void clearReverted() throws IOException {
        Files.deleteIfExists(root.resolve(REVERTED));
    }

    private void point(String version) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve(CURRENT + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(version));
        move(tmp, root.resolve(CURRENT));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<Properties> load(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(p);
    }

    private static void store(Properties p, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        move(tmp, file);
    }
}
