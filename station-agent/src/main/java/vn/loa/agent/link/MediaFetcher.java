package vn.loa.agent.link;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.store.MediaCache;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;

/**
 * Fetches the media the plan needs and the cache lacks, one file at a time, soonest item first,
 * resuming an interrupted transfer from the bytes already held. Not thread-safe: called from the
 * agent's single I/O executor only.
 */
public final class MediaFetcher {
    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
    private static final int MAX_ATTEMPTS = 3;
    /** A transfer without a chunk for this long is taken as lost and asked for again (from the bytes held). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final long stationId;
    private final MediaCache cache;
    private final ControllerLink link;
    private final Runnable onFileReady;
    private final Executor io;
    private final Supplier<PlanSync> plan;
    private final Map<String, Integer> failures = new HashMap<>();
    private String current;

    /**
     * @param io   the agent's I/O executor, the only thread this fetcher runs on
     * @param plan the current plan (what to fetch after a transfer timed out)
     */
    public MediaFetcher(long stationId, MediaCache cache, ControllerLink link, Runnable onFileReady, Executor io,
            Supplier<PlanSync> plan) {
        this.stationId = stationId;
        this.cache = cache;
        this.link = link;
        this.onFileReady = onFileReady;
        this.io = io;
        this.plan = plan;
    }

    /** Requests the next missing file if nothing is in flight. */
    public void fetchMissing(PlanSync plan) {
        if (current != null || !link.isUp()) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>();
        plan.getItemsList().stream().sorted((a, b) -> Long.compare(a.getPlannedAtMs(), b.getPlannedAtMs()))
                .map(PlanItem::getMediaSha256).filter(MediaCache::isSha256).filter(sha -> !cache.has(sha))
                .filter(sha -> failures.getOrDefault(sha, 0) < MAX_ATTEMPTS).forEach(missing::add);
        if (missing.isEmpty()) {
            return;
        }
        String sha = missing.iterator().next();
        try {
            long offset = cache.partialSize(sha);
            current = sha;
            if (offset > 0) {
                log.info("station {}: resuming download of {} at byte {}", stationId, sha, offset);
            }
            long requestId = link.nextRequestId();
            if (!link.request(Envelope.newBuilder().setRequestId(requestId)
                    .setFileRequest(FileRequest.newBuilder().setSha256(sha).setOffset(offset)).build(),
                    ANSWER_TIMEOUT, () -> io.execute(() -> timedOut(sha)))) {
                current = null;
            }
        } catch (IOException e) {
            log.error("station {}: cannot read the partial file of {}: {}", stationId, sha, e.getMessage());
            current = null;
        }
    }

    public void onChunk(FileChunk chunk, PlanSync plan) {
        String sha = chunk.getSha256();
        if (!sha.equals(current)) {
            log.warn("station {}: ignoring a chunk of {} that was not asked for", stationId, sha);
            return;
        }
        try {
            cache.append(sha, chunk.getOffset(), chunk.getData().asReadOnlyByteBuffer());
            if (chunk.getLast()) {
                current = null;
                if (cache.complete(sha, chunk.getTotalSize())) {
                    log.info("station {}: media {} received and verified ({} bytes)", stationId, sha,
                            chunk.getTotalSize());
                    failures.remove(sha);
                    onFileReady.run();
                } else {
                    failures.merge(sha, 1, Integer::sum);
                    log.error("station {}: media {} failed verification (sha256 or size mismatch); attempt {} of {}",
                            stationId, sha, failures.get(sha), MAX_ATTEMPTS);
                }
                fetchMissing(plan);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.error("station {}: storing media {} failed: {}; starting it again", stationId, sha, e.getMessage());
            failures.merge(sha, 1, Integer::sum);
            current = null;
            try {
                cache.discardPartial(sha);
            } catch (IOException | IllegalArgumentException ignored) {
                log.warn("station {}: cannot discard the partial file of {}", stationId, sha);
            }
            fetchMissing(plan);
        }
    }

    public void onError(FileError error, PlanSync plan) {
        log.error("station {}: the controller cannot send media {}: {}", stationId, error.getSha256(),
                error.getReason());
        failures.merge(error.getSha256(), 1, Integer::sum);
        if (error.getSha256().equals(current)) {
            current = null;
        }
        try {
            // the partial may be what the controller refused (e.g. longer than the file): start afresh next time
            cache.discardPartial(error.getSha256());
        } catch (IOException | IllegalArgumentException e) {
            log.warn("station {}: cannot discard the partial file of {}: {}", stationId, error.getSha256(), e.getMessage());
        }
        fetchMissing(plan);
    }

    /** No chunk came for {@link #ANSWER_TIMEOUT}: the transfer is counted failed and asked for again. */
    private void timedOut(String sha) {
        if (!sha.equals(current)) {
            return;
        }
        current = null;
        failures.merge(sha, 1, Integer::sum);
        log.warn("station {}: media {} stopped arriving; attempt {} of {}", stationId, sha, failures.get(sha),
                MAX_ATTEMPTS);
        fetchMissing(plan.get());
    }

    /** The link went down: the transfer in flight resumes from its partial file later. */
    public void onDisconnect() {
        current = null;
        failures.clear();
    }
}
