package vn.loa.agent.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.link.ControllerLink;
import vn.loa.agent.pki.ReleaseTrust;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.ReleaseKey;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.UpdateOffer;
import vn.loa.protocol.v1.UpdateStatus;

/**
 * The running agent's part of an update (docs/updates.md): keeps the release key, checks an offer before
 * fetching it, downloads the jar over the link's file transfer (resuming from the bytes held), verifies its
 * size and SHA-256, installs it, and — only when the station is idle — makes it current on trial and restarts
 * into it through the launcher. On connect it marks a release on trial good and reports a revert.
 *
 * <p>Not thread-safe: every method runs on the agent's single I/O executor.
 */
public final class UpdateAgent {
    private static final Logger log = LoggerFactory.getLogger(UpdateAgent.class);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_TRIAL = Duration.ofMinutes(5);

    private final long stationId;
    private final ReleaseDirectory releases;
    private final ReleaseTrust trust;
    private final String running;
    private final ControllerLink link;
    private final Executor io;
    private final BooleanSupplier idle;
    private final Clock clock;
    private Runnable restart = () -> log.warn("an update is staged but this agent cannot restart itself");
    /** The start-up self-test a release on trial must pass before it is good (none: it passes). */
    private Supplier<CompletableFuture<CommandResult>> selfTest = () -> CompletableFuture.completedFuture(
            CommandResult.newBuilder().setStatus(CommandResult.Status.SUCCEEDED).setMessage("no self-test").build());
    /** This release is on trial, connected, and its self-test has not passed yet. */
    private boolean trialPending;
    private boolean selfTesting;
    private UpdateOffer fetching;
    private UpdateOffer staged;

    public UpdateAgent(long stationId, Path dataDir, String running, ControllerLink link, Executor io,
            BooleanSupplier idle, Clock clock) {
        this.stationId = stationId;
        this.releases = new ReleaseDirectory(dataDir);
        this.trust = new ReleaseTrust(dataDir);
        this.running = running;
        this.link = link;
        this.io = io;
        this.idle = idle;
        this.clock = clock;
    }

    /** How the agent restarts into a new release (the CLI exits; the launcher starts {@code current}). */
    public void onRestart(Runnable restart) {
        this.restart = restart;
    }

    /** The start-up self-test (the silent test of every zone) a release on trial must pass to be marked good. */
    public void startupSelfTest(Supplier<CompletableFuture<CommandResult>> test) {
        this.selfTest = test;
    }

    public String running() {
        return running;
    }

    /** The link is up with ota.v1: a release on trial is good now; a revert not yet reported is reported. */
    public void connected() {
        try {
            if (releases.trial().filter(t -> t.version().equals(running)).isPresent()) {
                trialPending = true;
                confirmTrial();
            }
            var reverted = releases.reverted();
            if (reverted.isPresent()) {
                var r = reverted.get();
                status(r.from(), UpdateStatus.State.REVERTED, r.reason().name() + " at " + r.at(), 0);
                releases.clearReverted();
            }
        } catch (IOException e) {
            log.error("station {}: cannot read the release state under {}: {}", stationId, releases.root(), e.getMessage());
        }
    }

    /**
     * Runs the start-up self-test of the release on trial (once at a time; again at the next heartbeat while the
     * loudspeakers are busy): passed, the release is good; failed, it is reported and the agent exits, so that the
     * launcher reverts it at once (docs/updates.md#the-agent).
     */
    private void confirmTrial() {
        if (!trialPending || selfTesting) {
            return;
        }
        selfTesting = true;
        selfTest.get().whenComplete((r, e) -> io.execute(() -> selfTested(r, e)));
    }

    private void selfTested(CommandResult r, Throwable e) {
        selfTesting = false;
        if (!trialPending) {
            return;
        }
        CommandResult.Status s = e != null ? CommandResult.Status.FAILED : r.getStatus();
        String message = e != null ? e.toString() : r.getMessage();
        switch (s) {
            case SUCCEEDED -> {
                trialPending = false;
                try {
                    releases.markGood(running);
                } catch (IOException io) {
                    log.error("station {}: cannot mark release {} good under {}: {}", stationId, running, releases.root(),
                            io.getMessage());
                    return;
                }
                log.info("station {}: release {} connected and passed its start-up self-test ({}): marked good", stationId,
                        running, message);
                status(running, UpdateStatus.State.RUNNING_GOOD, "connected; start-up self-test passed: " + message, 0);
            }
            case REJECTED -> log.info("station {}: release {} on trial: start-up self-test deferred ({}); again at the "
                    + "next heartbeat", stationId, running, message);
            default -> {
                trialPending = false;
                log.error("station {}: release {} on trial failed its start-up self-test ({}): exiting so that the "
                        + "launcher reverts it", stationId, running, message);
                status(running, UpdateStatus.State.FAILED, "start-up self-test failed: " + message, 0);
                restart.run();
            }
        }
    }

    public void disconnected() {
        fetching = null;
    }

    public void releaseKey(ReleaseKey key) {
        try {
            ReleaseTrust.Outcome o = trust.offer(key.getPublicKey().toByteArray());
            switch (o) {
                case STORED -> log.info("station {}: release key {} stored", stationId, key.getFingerprint());
                case SAME -> log.debug("station {}: release key unchanged", stationId);
                case MISMATCH, MALFORMED -> {
                    log.error("station {}: the controller names release key {} but this station trusts another: "
                            + "updates are refused until it is replaced by hand (docs/updates.md)", stationId,
                            key.getFingerprint());
                    status("", UpdateStatus.State.RELEASE_KEY_MISMATCH, "station trusts another release key", 0);
                }
            }
        } catch (IOException e) {
            log.error("station {}: cannot store the release key: {}", stationId, e.getMessage());
        }
    }

    public void offer(UpdateOffer offer) {
        OfferCheck.Verdict v;
        try {
            boolean reverted = OfferCheck.check(offer, null, running, false) != OfferCheck.Verdict.UNSAFE_VERSION
                    && releases.isBad(offer.getVersion());
            v = OfferCheck.check(offer, trust.key().orElse(null), running, reverted);
        } catch (IOException e) {
            status(offer, UpdateStatus.State.FAILED, "cannot read the release key: " + e.getMessage());
            return;
        }
        switch (v) {
            case ALREADY_RUNNING -> status(offer, UpdateStatus.State.RUNNING_GOOD, "already running");
            case NO_KEY, BAD_SIGNATURE, UNSAFE_VERSION, REVERTED_BEFORE -> {
                log.error("station {}: release {} refused: {}", stationId, offer.getVersion(), v);
                status(offer, UpdateStatus.State.REFUSED, v.name());
            }
            case FETCH -> {
                if (releases.installed(offer.getVersion())) {
                    staged = offer;
                    status(offer, UpdateStatus.State.STAGED, "already downloaded");
                    maybeInstall();
                } else {
                    fetching = offer;
                    request();
                }
            }
        }
    }

    /** True when the chunk was for a release download (else it is media). */
    public boolean chunk(FileChunk chunk) {
        if (fetching == null || !chunk.getSha256().equals(fetching.getSha256())) {
            return false;
        }
        UpdateOffer offer = fetching;
        try {
            Path part = partOf(offer);
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (chunk.getOffset() != ch.size()) {
                    throw new IOException("chunk at " + chunk.getOffset() + " but " + ch.size() + " bytes held");
                }
                ch.write(chunk.getData().asReadOnlyByteBuffer(), chunk.getOffset());
            }
            if (chunk.getLast()) {
                fetching = null;
                verifyAndInstall(offer, part);
            }
        } catch (IOException e) {
            fetching = null;
            log.error("station {}: storing release {} failed: {}", stationId, offer.getVersion(), e.getMessage());
            discard(offer);
            status(offer, UpdateStatus.State.FAILED, "storing the download failed: " + e.getMessage());
        }
        return true;
    }

    /** True when the error was about a release download. */
    public boolean error(FileError error) {
        if (fetching == null || !error.getSha256().equals(fetching.getSha256())) {
            return false;
        }
        status(fetching, UpdateStatus.State.FAILED, "the controller cannot send it: " + error.getReason());
        discard(fetching);
        fetching = null;
        return true;
    }

    /** Called now and then (each heartbeat): installs a staged release once the station is idle. */
    public void maybeInstall() {
        confirmTrial();
        if (staged == null || !idle.getAsBoolean()) {
            return;
        }
        UpdateOffer offer = staged;
        staged = null;
        Duration trial = offer.getTrialLimitMs() > 0 ? Duration.ofMillis(offer.getTrialLimitMs()) : DEFAULT_TRIAL;
        try {
            releases.activate(offer.getVersion(), trial, clock.instant());
        } catch (IOException e) {
            status(offer, UpdateStatus.State.FAILED, "cannot make it current: " + e.getMessage());
            return;
        }
        log.warn("station {}: release {} is current, on trial for {} s: restarting into it", stationId,
                offer.getVersion(), trial.toSeconds());
        status(offer, UpdateStatus.State.RESTARTING, "on trial for " + trial.toSeconds() + " s");
        restart.run();
    }

    private void request() {
        UpdateOffer offer = fetching;
        try {
            Files.createDirectories(partOf(offer).getParent());
            long offset = Files.exists(partOf(offer)) ? Files.size(partOf(offer)) : 0;
            status(offer, UpdateStatus.State.DOWNLOADING, offset > 0 ? "resuming at byte " + offset : "");
            long id = link.nextRequestId();
            if (!link.request(Envelope.newBuilder().setRequestId(id).setFileRequest(FileRequest.newBuilder()
                    .setSha256(offer.getSha256()).setOffset(offset)).build(), ANSWER_TIMEOUT,
                    () -> io.execute(() -> timedOut(offer)))) {
                fetching = null;
            }
        } catch (IOException e) {
            fetching = null;
            status(offer, UpdateStatus.State.FAILED, "cannot prepare the download: " + e.getMessage());
        }
    }

    private void timedOut(UpdateOffer offer) {
        if (fetching == offer) {
            log.warn("station {}: release {} stopped arriving; asking again from the bytes held", stationId,
                    offer.getVersion());
            request();
        }
    }

    private void verifyAndInstall(UpdateOffer offer, Path part) throws IOException {
        long size = Files.size(part);
        String sha = sha256(part);
        if (size != offer.getSize() || !sha.equals(offer.getSha256())) {
            discard(offer);
            log.error("station {}: release {} arrived with {} bytes, sha256 {}: not what was signed; refused",
                    stationId, offer.getVersion(), size, sha);
            status(offer, UpdateStatus.State.REFUSED, "size or sha256 differs from the signed release");
            return;
        }
        releases.install(offer.getVersion(), part);
        staged = offer;
        log.info("station {}: release {} downloaded and verified; installs when the station is idle", stationId,
                offer.getVersion());
        status(offer, UpdateStatus.State.STAGED, "verified");
        maybeInstall();
    }

    private Path partOf(UpdateOffer offer) {
        return releases.root().resolve(".download").resolve(offer.getSha256() + ".part");
    }

    private void discard(UpdateOffer offer) {
        try {
            Files.deleteIfExists(partOf(offer));
        } catch (IOException e) {
            log.warn("station {}: cannot delete {}: {}", stationId, partOf(offer), e.getMessage());
        }
    }

    private void status(UpdateOffer offer, UpdateStatus.State state, String reason) {
        status(offer.getVersion(), state, reason, offer.getRolloutId());
    }

    private void status(String version, UpdateStatus.State state, String reason, long rolloutId) {
        link.send(Envelope.newBuilder().setUpdateStatus(UpdateStatus.newBuilder().setVersion(version).setState(state)
                .setReason(reason).setRolloutId(rolloutId).setRunningVersion(running)).build());
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
