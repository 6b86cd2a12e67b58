package vn.loa.controller.rollout;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.release.AgentRelease;
import vn.loa.controller.release.ReleaseService;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.UpdateOffer;
import vn.loa.protocol.v1.UpdateStatus;

/**
 * Rollouts of signed releases (docs/updates.md): creates them, takes the stations' UpdateStatus, and — as a
 * leader job on its own thread, every {@code interval} — applies {@link RolloutDecision} to each running one:
 * offers, time-outs, auto-pause, completion. Thin: the decisions are the pure ones.
 */
public final class RolloutService {
    private static final Logger log = LoggerFactory.getLogger(RolloutService.class);

    /** Why a rollout could not be created or changed. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final RolloutRepository repository;
    private final ReleaseService releases;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final StationLinks links;
    private final Clock clock;
    private final Duration interval;
    private volatile ScheduledExecutorService thread;
    private final List<RolloutPaused.Listener> pauseListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RolloutService(RolloutRepository repository, ReleaseService releases, StationRepository stations,
            AreaRepository areas, StationLinks links, Clock clock, Duration interval) {
        this.repository = repository;
        this.releases = releases;
        this.stations = stations;
        this.areas = areas;
        this.links = links;
        this.clock = clock;
        this.interval = interval;
    }

    /** A new running rollout of an approved release to the named stations and the stations of the named areas. */
    public Rollout create(long releaseId, List<Long> stationIds, List<Long> areaIds, RolloutPolicy policy, long accountId)
            throws Refused {
        AgentRelease release = releases.find(releaseId).orElseThrow(() -> new Refused("no release " + releaseId));
        if (!release.signed()) {
            throw new Refused("release " + release.version() + " is " + release.state()
                    + ": only an approved (signed) release can be rolled out");
        }
        Set<Long> targets = new LinkedHashSet<>();
        List<Station> all = stations.findAll();
        for (long id : stationIds) {
            if (all.stream().noneMatch(s -> s.id() == id)) {
                throw new Refused("no station " + id);
            }
            targets.add(id);
        }
        if (!areaIds.isEmpty()) {
            AreaTree tree = new AreaTree(areas.findAll());
            for (long area : areaIds) {
                if (!tree.contains(area)) {
                    throw new Refused("no area " + area);
                }
                Set<Long> within = tree.subtree(area);
                all.stream().filter(s -> within.contains(s.areaId())).forEach(s -> targets.add(s.id()));
            }
        }
        if (targets.isEmpty()) {
            throw new Refused("the targets name no station");
        }
        long id = repository.create(releaseId, policy, Waves.split(new ArrayList<>(targets), policy), accountId,
                clock.instant());
        log.info("rollout {} of release {} to {} stations started by account {}", id, release.version(), targets.size(),
                accountId);
        return repository.find(id).orElseThrow();
    }

    public Optional<Rollout> find(long id) {
        return repository.find(id);
    }

    public List<Rollout> list() {
        return repository.list();
    }

    /** The station's update history: every rollout that targeted it, newest first. */
    public List<RolloutRepository.HistoryEntry> history(long stationId) {
        return repository.history(stationId);
    }

    public List<RolloutRepository.Row> stations(long rolloutId) {
        return repository.stations(rolloutId);
    }

    /** Told of each pause once it is stored (webhooks). */
    public void addPauseListener(RolloutPaused.Listener listener) {
        pauseListeners.add(listener);
    }

    public boolean pause(long id, String who) {
        String detail = "paused by " + who;
        if (!repository.setState(id, List.of(Rollout.State.RUNNING), Rollout.State.PAUSED, detail)) {
            return false;
        }
        repository.find(id).ifPresent(r -> paused(r, releases.find(r.releaseId()).map(AgentRelease::version)
                .orElse(null), false, detail));
        return true;
    }

    private void paused(Rollout r, String version, boolean byItself, String detail) {
        RolloutPaused p = new RolloutPaused(r.id(), r.releaseId(), version, byItself, detail, clock.instant());
        for (RolloutPaused.Listener l : pauseListeners) {
            try {
                l.paused(p);
            } catch (RuntimeException e) {
                log.error("rollout {} paused, but a pause listener failed: {}", r.id(), e.toString(), e);
            }
        }
    }

    /** Resumes a paused rollout; its failed stations are offered again. */
    public boolean resume(long id, String who) {
        if (!repository.setState(id, List.of(Rollout.State.PAUSED), Rollout.State.RUNNING, "resumed by " + who)) {
            return false;
        }
        repository.retryFailed(id);
        return true;
    }

    public boolean abort(long id, String who) {
        return repository.setState(id, List.of(Rollout.State.RUNNING, Rollout.State.PAUSED), Rollout.State.ABORTED,
                "aborted by " + who);
    }

    /** A station's UpdateStatus (from the gateway, on an event loop): stored off it. */
    public void statusReported(long stationId, UpdateStatus status) {
        if (thread == null) {
            return;
        }
        thread.execute(() -> record(stationId, status));
    }

    private void record(long stationId, UpdateStatus status) {
        Optional<StationUpdate.State> outcome = switch (status.getState()) {
            case RUNNING_GOOD -> Optional.of(StationUpdate.State.UPDATED);
            case REVERTED, REFUSED, FAILED, RELEASE_KEY_MISMATCH -> Optional.of(StationUpdate.State.FAILED);
            default -> Optional.empty();
        };
        if (outcome.isEmpty()) {
            return;
        }
        for (Rollout r : repository.running()) {
            String version = releases.find(r.releaseId()).map(AgentRelease::version).orElse("");
            boolean about = status.getRolloutId() == r.id() || version.equals(status.getVersion());
            if (about && repository.finished(r.id(), stationId, outcome.get(),
                    status.getState() + (status.getReason().isEmpty() ? "" : ": " + status.getReason()), clock.instant())) {
                log.info("rollout {}: station {} {} ({})", r.id(), stationId, outcome.get(), status.getReason());
            }
        }
    }

    /** One pass over the running rollouts (the leader job runs it every interval; tests may call it). */
    public void tick() {
        for (Rollout r : repository.running()) {
            try {
                step(r);
            } catch (RuntimeException e) {
                log.error("rollout {}: step failed: {}", r.id(), e.toString(), e);
            }
        }
    }

    private void step(Rollout r) {
        AgentRelease release = releases.find(r.releaseId()).orElseThrow();
        List<StationUpdate> progress = repository.stations(r.id()).stream()
                .map(row -> new StationUpdate(row.stationId(), row.wave(), row.state(), online(row.stationId()),
                        row.offeredAt()))
                .toList();
        RolloutStep step = RolloutDecision.next(progress, r.policy(), clock.instant());
        for (long id : step.timedOut()) {
            repository.finished(r.id(), id, StationUpdate.State.FAILED, "not updated within "
                    + r.policy().stationTimeout().toMinutes() + " min", clock.instant());
        }
        for (long id : step.offer()) {
            offer(r, release, id);
        }
        switch (step.outcome()) {
            case PAUSE_FAILURES -> {
                String detail = "paused by itself: more than " + Math.round(r.policy().maxFailureShare() * 100)
                        + " % of the stations offered failed";
                if (repository.setState(r.id(), List.of(Rollout.State.RUNNING), Rollout.State.PAUSED, detail)) {
                    log.warn("rollout {} of release {} paused: too many stations failed", r.id(), release.version());
                    paused(r, release.version(), true, detail);
                }
            }
            case COMPLETE -> {
                repository.setState(r.id(), List.of(Rollout.State.RUNNING), Rollout.State.COMPLETED, "every station finished");
                log.info("rollout {} of release {} completed", r.id(), release.version());
            }
            case CONTINUE -> {
            }
        }
    }

    private boolean online(long stationId) {
        return links.link(stationId).filter(l -> l.supports(ProtocolVersion.CAP_OTA_V1)).isPresent();
    }

    private void offer(Rollout r, AgentRelease release, long stationId) {
        Optional<StationLink> link = links.link(stationId);
        if (link.isEmpty()) {
            return;
        }
        repository.offered(r.id(), stationId, clock.instant());
        link.get().send(Envelope.newBuilder().setUpdateOffer(UpdateOffer.newBuilder().setVersion(release.version())
                .setSha256(release.sha256()).setSize(release.size()).setSignature(ByteString.copyFrom(release.signature()))
                .setTrialLimitMs((int) Math.min(Integer.MAX_VALUE, r.policy().trialLimit().toMillis()))
                .setRolloutId(r.id())).build());
        log.info("rollout {}: release {} offered to station {}", r.id(), release.version(), stationId);
    }

    /** The leader job's start: one thread, a pass every interval. */
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("rollouts").daemon().factory());
        thread.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
