package vn.loa.controller.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.media.MediaStore;

/**
 * Agent releases (docs/updates.md): an admin uploads a jar, a second admin approves it, and only then does the
 * controller sign it with its {@link ReleaseKey} — so one admin alone cannot put code on the stations. The jar
 * is stored as a content-addressed blob in the {@link MediaStore}, from where the ordinary, resumable file
 * transfer serves it to stations. Calls block (disk, database): never on an event loop.
 */
public final class ReleaseService {
    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);

    private final ReleaseRepository repository;
    private final MediaStore blobs;
    private final ReleaseKey key;
    private final Clock clock;

    public ReleaseService(ReleaseRepository repository, MediaStore blobs, ReleaseKey key, Clock clock) {
        this.repository = repository;
        this.blobs = blobs;
        this.key = key;
        this.clock = clock;
    }

    public ReleaseKey key() {
        return key;
    }

    /**
     * Checks and stores {@code jar} (taken: moved into the blob store or deleted) as a release waiting for a
     * second admin's approval.
     *
     * @param version the version, or null to take the jar manifest's {@code Implementation-Version}
     */
    public AgentRelease upload(Path jar, String version, String notes, long accountId) throws ReleaseRefused, IOException {
        try {
            String v = JarCheck.version(jar, version);
            Optional<AgentRelease> same = repository.byVersion(v);
            if (same.isPresent()) {
                throw new ReleaseRefused(ReleaseRefused.Reason.VERSION_EXISTS, "release " + v + " exists already",
                        same.get());
            }
            long size = Files.size(jar);
            String sha = sha256(jar);
            blobs.add(sha, jar);
            long id = repository.insert(v, sha, size, notes, accountId, clock.instant());
            log.info("agent release {} uploaded by account {}: {} bytes, sha256 {}; waits for a second admin", v,
                    accountId, size, sha);
            return repository.find(id).orElseThrow();
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    /** Approves and signs a pending release; the approver must not be the uploader. */
    public AgentRelease approve(long id, long accountId) throws ReleaseRefused {
        AgentRelease r = repository.find(id)
                .orElseThrow(() -> new ReleaseRefused(ReleaseRefused.Reason.NOT_FOUND, "no release " + id));
        if (r.uploadedBy() == accountId) {
            throw new ReleaseRefused(ReleaseRefused.Reason.OWN_UPLOAD, "another admin must approve release " + r.version(), r);
        }
        if (r.state() != ReleaseState.PENDING_APPROVAL
                || !repository.approve(id, accountId, clock.instant(), key.sign(r.version(), r.sha256(), r.size()))) {
            AgentRelease now = repository.find(id).orElse(r);
            throw new ReleaseRefused(ReleaseRefused.Reason.NOT_PENDING, "release " + r.version() + " is " + now.state(), now);
        }
        log.info("agent release {} approved by account {} and signed with release key {}", r.version(), accountId,
                key.fingerprint());
        return repository.find(id).orElseThrow();
    }

    public AgentRelease withdraw(long id) throws ReleaseRefused {
        AgentRelease r = repository.find(id)
                .orElseThrow(() -> new ReleaseRefused(ReleaseRefused.Reason.NOT_FOUND, "no release " + id));
        if (!repository.withdraw(id)) {
            throw new ReleaseRefused(ReleaseRefused.Reason.NOT_PENDING, "release " + r.version() + " is withdrawn already", r);
        }
        return repository.find(id).orElseThrow();
    }

    public Optional<AgentRelease> find(long id) {
        return repository.find(id);
    }

    public Optional<AgentRelease> byVersion(String version) {
        return repository.byVersion(version);
    }

    public List<AgentRelease> list() {
        return repository.list();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
