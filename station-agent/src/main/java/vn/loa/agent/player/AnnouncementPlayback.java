package vn.loa.agent.player;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.arbiter.Aftermath;
import vn.loa.agent.arbiter.Cause;
import vn.loa.agent.arbiter.Decision;
import vn.loa.agent.arbiter.Interruption;
import vn.loa.agent.arbiter.Playing;
import vn.loa.agent.arbiter.Suspension;
import vn.loa.agent.broadcast.Broadcasts;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.PlayReport;

/**
 * Carries out the arbiter's decisions about announcements: plays one (chime first when asked, in step
 * with the other stations, or again after an interruption), sends its statuses and reports it. Runs on
 * the player's thread.
 */
final class AnnouncementPlayback {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementPlayback.class);
    /** A live broadcast that was interrupted picks up this far behind its newest packet (its jitter buffer). */
    static final int LIVE_EDGE_PACKETS = 40;

    private final long stationId;
    private final Broadcasts broadcasts;
    private final Chime chime;
    private final BroadcastListener listener;
    private final PlaySequence sequence;
    private final Reporter reporter;
    private final StationVolume volume;
    private final Function<Playing, PlaySequence.Interrupter> interrupters;
    private final Clock clock;

    AnnouncementPlayback(long stationId, Player.Announcements announcements, PlaySequence sequence, Reporter reporter,
            StationVolume volume, Function<Playing, PlaySequence.Interrupter> interrupters, Clock clock) {
        this.stationId = stationId;
        this.broadcasts = announcements.broadcasts();
        this.chime = announcements.chime();
        this.listener = announcements.listener();
        this.sequence = sequence;
        this.reporter = reporter;
        this.volume = volume;
        this.interrupters = interrupters;
        this.clock = clock;
    }

    /**
     * Plays an announcement as decided.
     *
     * @return where it stopped, when it goes on later (a live one interrupted, or a recorded one a scheduled
     *         item interrupted); empty when it is over on this station
     */
    Optional<Suspension> play(IncomingBroadcast b, Decision.PlayAnnouncement d) {
        BroadcastStart start = b.start();
        Suspension resuming = d.resuming();
        boolean liveEdge = resuming != null && start.getLive();
        List<AudioSource> sources = new ArrayList<>();
        BroadcastAudioSource main;
        // the packets already there when the first sample (the chime's) goes out
        java.util.concurrent.atomic.AtomicInteger backlogAtStart = new java.util.concurrent.atomic.AtomicInteger();
        try {
            main = liveEdge ? new BroadcastAudioSource(b, b.packetCount() - LIVE_EDGE_PACKETS) : new BroadcastAudioSource(b);
            if (start.getChime() && !liveEdge) {
                sources.add(chime(main));
                if (start.getLive()) {
                    // the packets that arrive while the chime plays are skipped: live speech follows the chime
                    // at the delay it would have had without it
                    main.beginAtFirstFrame(() -> Math.max(0, b.packetCount() - backlogAtStart.get()));
                }
            }
            sources.add(main);
        } catch (IOException | IllegalArgumentException e) {
            broadcasts.finished(b.id());
            status(b.id(), BroadcastStatus.State.FAILED, clock.millis(), "BAD_STREAM: " + e.getMessage(), 0);
            reporter.report(Reporter.of(start).setOutcome(PlayReport.Outcome.FAILED).setReason("BAD_STREAM").build());
            return Optional.empty();
        }
        log.info("station {} announcement {}: '{}' ({}) on zones {}{}", stationId, b.id(), start.getTitle(),
                start.getPriority(), start.getZoneIdsList(), resuming == null ? "" : " after " + resuming.by().label());
        // a recorded one goes on from the sample where it stopped (the chime counted); a live one from its edge
        long skip = resuming != null && !start.getLive() ? resuming.samplesPlayed() : 0;
        PlaySequence.Result r = sequence.run(new PlaySequence.Spec("b" + b.id(), start.getZoneIdsList(), d.startAtMs(),
                sources, skip, volume.gainFor(start.getPriority()), playing(b), d.inStep(),
                at -> {
                    backlogAtStart.set(b.packetCount());
                    status(b.id(), BroadcastStatus.State.PLAYING, at, "", 0);
                }));
        return finish(b, r, resuming, main.underruns());
    }

    /** Gives up an interrupted recorded announcement that waited too long. */
    void drop(IncomingBroadcast b, Decision.SkipReason reason) {
        log.warn("station {} announcement {}: given up ({})", stationId, b.id(), reason);
        broadcasts.finished(b.id());
        status(b.id(), BroadcastStatus.State.FAILED, clock.millis(), reason.name(), 0);
        reporter.report(Reporter.of(b.start()).setOutcome(PlayReport.Outcome.SKIPPED).setReason(reason.name()).build());
    }

    private Optional<Suspension> finish(IncomingBroadcast b, PlaySequence.Result r, Suspension resuming, int underruns) {
        PlaySequence.Ending ending = r.ending();
        if (b.isStopped() && ending instanceof PlaySequence.Ending.Completed) {
            // stopped while waiting for packets: the stream ended because it was cancelled, not complete
            ending = new PlaySequence.Ending.Interrupted(
                    new Interruption(new Cause.Cancelled(b.stopReason()), Aftermath.CANCELLED));
            r = new PlaySequence.Result(ending, r.startedAtMs(), r.endedAtMs(), r.samplesPlayed(), r.peakDbfs(),
                    r.rmsDbfs());
        }
        String after = resuming == null ? "" : Reasons.resumedAfter(resuming.by());
        if (ending instanceof PlaySequence.Ending.Interrupted i && !b.isStopped()
                && (i.interruption().aftermath() == Aftermath.LIVE_EDGE || i.interruption().aftermath() == Aftermath.RESUME)) {
            Cause by = i.interruption().cause();
            status(b.id(), BroadcastStatus.State.RECEIVING, r.endedAtMs(), Reasons.interruptedBy(by), underruns);
            log.info("station {} announcement {}: interrupted by {}; it goes on {}", stationId, b.id(), by.label(),
                    b.start().getLive() ? "at the live edge" : "from where it stopped");
            reporter.report(Reporter.played(Reporter.of(b.start()), r, Reasons.join(after, Reasons.of(ending))));
            return Optional.of(new Suspension(by, r.samplesPlayed(), clock.millis()));
        }
        broadcasts.finished(b.id());
        BroadcastStatus.State state = ending instanceof PlaySequence.Ending.Completed ? BroadcastStatus.State.DONE
                : BroadcastStatus.State.FAILED;
        String reason = Reasons.join(after, Reasons.of(ending), Reasons.underruns(underruns));
        status(b.id(), state, r.endedAtMs(), reason, underruns);
        log.info("station {} announcement {}: {} {}", stationId, b.id(), Reasons.outcome(ending), reason);
        reporter.report(Reporter.played(Reporter.of(b.start()), r, reason));
        return Optional.empty();
    }

    /** Asks the arbiter before every frame, with whether the sender has stopped it by then. */
    private PlaySequence.Interrupter playing(IncomingBroadcast b) {
        return () -> interrupters.apply(new Playing.Broadcast(b.id(), b.priority(), b.start().getLive(), b.stopReason()))
                .check();
    }

    private AudioSource chime(BroadcastAudioSource main) throws IOException {
        AudioSource c = chime.open(main.format());
        if (c.format().equals(main.format())) {
            return c;
        }
        log.warn("station {}: the chime file's format {} differs from the announcement's {}; using the built-in chime",
                stationId, c.format(), main.format());
        c.close();
        return Chime.synthesized(main.format());
    }

    private void status(long id, BroadcastStatus.State state, long atMs, String reason, int underruns) {
        try {
            listener.status(BroadcastStatus.newBuilder().setBroadcastId(id).setState(state).setAtMs(atMs)
                    .setReason(reason).setUnderruns(underruns).build());
        } catch (RuntimeException e) {
            log.warn("station {}: cannot send the status of announcement {}: {}", stationId, id, e.toString());
        }
    }
}
