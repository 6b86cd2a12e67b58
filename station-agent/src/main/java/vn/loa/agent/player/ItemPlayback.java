package vn.loa.agent.player;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.arbiter.Cause;
import vn.loa.agent.arbiter.Decision;
import vn.loa.agent.arbiter.Playing;
import vn.loa.agent.arbiter.SuspendedItem;
import vn.loa.agent.arbiter.Suspension;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.PlayJournal;
import vn.loa.protocol.quiet.QuietDecision;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;

/**
 * Carries out the arbiter's decisions about plan items: plays one (fresh, or again after an
 * interruption), skips one, gives one up, and reports each. Runs on the player's thread.
 */
final class ItemPlayback {
    private static final Logger log = LoggerFactory.getLogger(ItemPlayback.class);

    private final long stationId;
    private final MediaCache cache;
    private final PlayJournal journal;
    private final AudioSource.Opener opener;
    private final PlaySequence sequence;
    private final Reporter reporter;
    private final StationVolume volume;
    private final Function<Playing, PlaySequence.Interrupter> interrupters;
    private final Clock clock;

    ItemPlayback(long stationId, MediaCache cache, PlayJournal journal, AudioSource.Opener opener, PlaySequence sequence,
            Reporter reporter, StationVolume volume, Function<Playing, PlaySequence.Interrupter> interrupters,
            Clock clock) {
        this.stationId = stationId;
        this.cache = cache;
        this.journal = journal;
        this.opener = opener;
        this.sequence = sequence;
        this.reporter = reporter;
        this.volume = volume;
        this.interrupters = interrupters;
        this.clock = clock;
    }

    /**
     * Plays an item from its start at its instant, journalled as started first.
     *
     * @return the item to go on with later, when an interruption suspended it
     */
    Optional<SuspendedItem> play(PlanItem item) throws IOException {
        return play(item, new Decision.PlayItem(item, item.getPlannedAtMs()).quiet());
    }

    /**
     * Plays an item from its start at its instant on the zones quiet hours leave it, at their time-of-day
     * gain on top of the station's volume.
     */
    Optional<SuspendedItem> play(PlanItem item, QuietDecision quiet) throws IOException {
        journal.markStarted(item.getItemId());
        if (!cache.has(item.getMediaSha256())) {
            log.error("station {} item {}: media {} is not in the cache at play time", stationId, item.getItemId(),
                    item.getMediaSha256());
            reporter.report(Reporter.of(item).setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_MISSING").build());
            return Optional.empty();
        }
        if (quiet.gainBy().isPresent() || quiet.zones().size() < item.getZoneIdsCount()) {
            log.info("station {} item {}: quiet hours: zones {} of {}, {} dB ({})", stationId, item.getItemId(),
                    quiet.zones(), item.getZoneIdsList(), quiet.gainDb(), quiet.gainBy().map(r -> r.name()).orElse("-"));
        }
        List<Long> zones = item.getZoneIdsList().stream().filter(quiet.zones()::contains).toList();
        return playFrom(item, zones, (float) quiet.gainFactor(), 0, item.getPlannedAtMs(), "");
    }

    /** Plays an interrupted item again: its rest, or all of it (its {@code on_preempt}). */
    Optional<SuspendedItem> resume(SuspendedItem s, long startAtMs, QuietDecision quiet) {
        Cause by = s.suspension().by();
        log.info("station {} item {}: {} after {}", stationId, s.item().getItemId(),
                s.restarts() ? "restarting" : "resuming", by.label());
        List<Long> zones = s.item().getZoneIdsList().stream().filter(quiet.zones()::contains).toList();
        return playFrom(s.item(), zones, (float) quiet.gainFactor(), s.resumeFromSample(), startAtMs,
                s.restarts() ? Reasons.restartedAfter(by) : Reasons.resumedAfter(by));
    }

    void skip(PlanItem item, Decision.SkipReason reason) throws IOException {
        log.warn("station {} item {}: skipped ({}), planned at {}", stationId, item.getItemId(), reason,
                Instant.ofEpochMilli(item.getPlannedAtMs()));
        journal.markStarted(item.getItemId());
        reporter.report(Reporter.of(item).setOutcome(PlayReport.Outcome.SKIPPED).setReason(reason.name()).build());
    }

    void drop(SuspendedItem s, Decision.SkipReason reason) {
        log.warn("station {} item {}: given up ({}) after {}", stationId, s.item().getItemId(), reason,
                s.suspension().by().label());
        reporter.report(Reporter.of(s.item()).setOutcome(PlayReport.Outcome.SKIPPED).setReason(reason.name()).build());
    }

    /**
     * Items started before a crash or power cut and never reported: with the part that went out (its
     * first sample, the last progress journalled and the levels up to it) when the journal has it.
     */
    void reportCutOffByRestart(PlanSync plan) {
        for (String itemId : journal.interrupted()) {
            for (PlanItem item : plan.getItemsList()) {
                if (item.getItemId().equals(itemId)) {
                    PlayReport.Builder report = Reporter.of(item).setOutcome(PlayReport.Outcome.FAILED)
                            .setReason("AGENT_RESTARTED");
                    Optional<PlayJournal.Part> part = journal.partOf(itemId);
                    part.ifPresent(p -> {
                        report.setStartedAtMs(p.startedAtMs()).setEndedAtMs(p.endedAtMs());
                        if (p.hasLevels()) {
                            report.setPeakDbfs(p.peakDbfs()).setRmsDbfs(p.rmsDbfs());
                        }
                    });
                    log.warn("station {} item {}: was cut off by an agent restart{}", stationId, itemId,
                            part.map(p -> " after " + (p.endedAtMs() - p.startedAtMs()) + " ms on air").orElse(""));
                    reporter.report(report.build());
                }
            }
        }
    }

    /** A journal write the play goes on without: logged with the station and the item when it fails. */
    private void journalled(JournalWrite write, String itemId) {
        try {
            write.run();
        } catch (IOException e) {
            log.error("station {} item {}: cannot journal the play's progress: {}", stationId, itemId, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface JournalWrite {
        void run() throws IOException;
    }

    private Optional<SuspendedItem> playFrom(PlanItem item, List<Long> zones, float quietGain, long fromSample,
            long startAtMs, String note) {
        AudioSource source;
        try {
            source = opener.open(cache.complete(item.getMediaSha256()));
        } catch (IOException e) {
            log.error("station {} item {}: media {} unreadable: {}", stationId, item.getItemId(), item.getMediaSha256(),
                    e.getMessage());
            reporter.report(Reporter.of(item).setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_CORRUPT").build());
            return Optional.empty();
        }
        log.info("station {} item {}: playing '{}' on zones {}", stationId, item.getItemId(), item.getTitle(),
                zones);
        String id = item.getItemId();
        PlaySequence.Result r = sequence.run(new PlaySequence.Spec(id, zones, startAtMs,
                List.of(source), fromSample, volume.gainFor(item.getPriority()) * quietGain,
                interrupters.apply(new Playing.Item(item)),
                false, at -> journalled(() -> journal.markAudioStarted(id, at), id),
                (endedAtMs, peak, rms) -> journalled(() -> journal.markProgress(id, endedAtMs, peak, rms), id)));
        String reason = Reasons.join(note, Reasons.of(r.ending()));
        log.info("station {} item {}: {} {} (start {} ms after plan)", stationId, item.getItemId(),
                Reasons.outcome(r.ending()), reason, r.started() ? r.startedAtMs() - item.getPlannedAtMs() : "-");
        reporter.report(Reporter.played(Reporter.of(item), r, reason));
        if (!(r.ending() instanceof PlaySequence.Ending.Interrupted i)) {
            return Optional.empty();
        }
        Cause by = i.interruption().cause();
        return switch (i.interruption().aftermath()) {
            case RESUME, RESTART -> Optional.of(new SuspendedItem(item, new Suspension(by, r.samplesPlayed(), clock.millis())));
            case SKIP_REST -> {
                log.info("station {} item {}: the rest is skipped (on_preempt SKIP)", stationId, item.getItemId());
                reporter.report(Reporter.of(item).setOutcome(PlayReport.Outcome.SKIPPED)
                        .setReason(Reasons.restSkippedAfter(by)).build());
                yield Optional.empty();
            }
            case LIVE_EDGE, OVER, CANCELLED -> Optional.empty();
        };
    }
}
