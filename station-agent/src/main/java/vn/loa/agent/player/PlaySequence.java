package vn.loa.agent.player;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.arbiter.Arbiter;
import vn.loa.agent.arbiter.Interruption;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StartSilence;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.Pause;
import vn.loa.hardware.switching.Switched;
import vn.loa.hardware.switching.SwitchingSequence;
import vn.loa.hardware.switching.SwitchingSequence.AmplifierAfter;

/**
 * Plays one stream through the station's switching sequence, in four steps: switch on (amplifier,
 * warm-up, zone relays), prime (output opened, first frame decoded, what was played before an
 * interruption skipped), start (the card times it: {@link #CARD_START_LEAD_US} before the instant the
 * output starts playing silence counted in samples up to it, so the first sample sounds on the instant
 * however late the thread writes it; only when the thread wakes after the instant, or the output
 * cannot, the thread times it: a wait to the instant, then catch up, in step with the other stations: a
 * start a little late drops what it missed), stream (frame by frame, asking before each one whether
 * something must interrupt); then the teardown: output drained, zones read back, zones off in reverse.
 * The amplifier is left on: the {@link Player} switches it off after the hold time.
 */
final class PlaySequence {
    private static final Logger log = LoggerFactory.getLogger(PlaySequence.class);
    /**
     * A stream whose first sample goes out at most this late after its start instant (a thread woken a
     * few ms late, a relay that settled slowly) drops the samples it missed, so that its content plays
     * in step with every other station of the same announcement, as Snapcast's clients do; later than
     * this it plays from its first sample, late (a word cut off would cost more than the offset).
     */
    static final long CATCH_UP_MAX_US = 50_000;
    /**
     * How long before its instant a stream asks the card to time its start ({@code AudioOutput.startAt}):
     * the card then plays this much silence, and the thread has this long to write the first frame after
     * it (decoded already) before the silence runs out; a thread woken a few ms late by a busy machine
     * (many stations' players on two cores, a GC pause) still makes it. 30 ms was too short for the first
     * rounds after a start on a busy machine (37 agents on 2 cores: up to 41 ms between the call and the
     * first write while the JIT compiled the path); 60 ms stays inside a sound card's buffer (100 ms by
     * default) and the amplifier hums no longer.
     */
    static final long CARD_START_LEAD_US = 60_000;
    /**
     * The last part of a wait for the start instant, when the thread times the start, is spun, not parked:
     * a park overshoots by 50–100 µs. Short: on a busy machine many spinning threads would take the cores
     * from each other.
     */
    private static final long SPIN_US = 300;
    /** A stream that starts later than this after its instant is reported STARTED_LATE. */
    private static final long LATE_MS = 1000;

    private final long stationId;
    private final StationHardware hardware;
    private final SwitchingSequence switching;
    private final Clock clock;
    private final BooleanSupplier running;

    /** @param running false once the player stops: waits are called off and the stream ends */
    PlaySequence(long stationId, StationHardware hardware, SwitchingSequence.Timings timings, Clock clock,
            BooleanSupplier running) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.switching = new SwitchingSequence(hardware, timings, clock, Pause.parking(clock, running));
        this.clock = clock;
        this.running = running;
    }

    /** Asked before every frame: whether the stream must stop now, and why. */
    @FunctionalInterface
    interface Interrupter {
        Optional<Interruption> check();

        Interrupter NEVER = Optional::empty;
    }

    /**
     * @param skipSamples  samples per channel to skip at the start (going on after an interruption)
     * @param gain         software gain, 1 = as recorded
     * @param inStep       the stream plays in step with other stations (an announcement's common start):
     *                     a start a little late drops what it missed ({@link #CATCH_UP_MAX_US}); a plan
     *                     item plays whole
     * @param onFirstAudio told the instant (station clock, ms) the stream's content starts at
     */
    record Spec(String label, List<Long> zones, long startAtMs, List<AudioSource> sources, long skipSamples,
            float gain, Interrupter interrupter, boolean inStep, LongConsumer onFirstAudio, Progress progress) {
        Spec(String label, List<Long> zones, long startAtMs, List<AudioSource> sources, long skipSamples,
                float gain, Interrupter interrupter, boolean inStep, LongConsumer onFirstAudio) {
            this(label, zones, startAtMs, sources, skipSamples, gain, interrupter, inStep, onFirstAudio, Progress.NONE);
        }
    }

    /**
     * Told, about once a second of audio, how far a stream has gone out and its levels so far, so that a
     * play cut off by a crash can still be reported with what went out (the item journal keeps it).
     */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (endedAtMs, peakDbfs, rmsDbfs) -> { };

        void played(long endedAtMs, float peakDbfs, float rmsDbfs);
    }

    /** How often a stream's progress is told. */
    static final long PROGRESS_EVERY_MS = 1_000;

    /** Why a stream failed, as play reports name it. */
    enum Failure {
        AGENT_STOPPING, ZONES_FAILED, HARDWARE, MEDIA_CORRUPT, STREAM_STALLED
    }

    /** How a stream ended. */
    sealed interface Ending {
        /** Played to its end (on the zones that switched on). */
        record Completed(List<Long> failedZones, boolean startedLate) implements Ending {
        }

        /** Stopped because something else must play (or its sender stopped it). */
        record Interrupted(Interruption interruption) implements Ending {
        }

        /** @param detail the device's message for {@link Failure#HARDWARE}, else empty */
        record Failed(Failure failure, String detail) implements Ending {
        }
    }

    /**
     * What happened; {@code samplesPlayed} counts from the start of the stream (skipped ones included),
     * {@code startedAtMs} is 0 when no sample went out.
     */
    record Result(Ending ending, long startedAtMs, long endedAtMs, long samplesPlayed, float peakDbfs,
            float rmsDbfs) {
        boolean started() {
            return startedAtMs > 0;
        }
    }

    /** One run's state. */
    private static final class Run {
        final Spec spec;
        final Frames frames;
        final LevelMeter meter = new LevelMeter();
        final List<Long> failedZones = new ArrayList<>();
        long startedAtMs;

        Run(Spec spec) {
            this.spec = spec;
            this.frames = new Frames(spec.sources());
        }
    }

    Result run(Spec spec) {
        Run run = new Run(spec);
        Ending ending;
        try (Frames frames = run.frames;
                Switched sw = switching.begin("station " + stationId + " " + spec.label(), AmplifierAfter.LEFT_ON)) {
            ending = switchOn(run, sw);
            if (ending == null) {
                long audioAt = sw.audioAt(spec.startAtMs());
                prime(run, sw);
                ending = running.getAsBoolean() ? stream(run, start(run, audioAt))
                        : new Ending.Failed(Failure.AGENT_STOPPING, "");
                ending = teardown(run, sw, ending);
            }
        } catch (HardwareException e) {
            log.error("station {} {}: hardware failed: {}", stationId, spec.label(), e.getMessage());
            ending = new Ending.Failed(Failure.HARDWARE, e.getMessage());
        } catch (StreamStalledException e) {
            log.error("station {} {}: audio failed: {}", stationId, spec.label(), e.getMessage());
            ending = new Ending.Failed(Failure.STREAM_STALLED, "");
        } catch (IOException e) {
            log.error("station {} {}: audio failed: {}", stationId, spec.label(), e.getMessage());
            ending = new Ending.Failed(Failure.MEDIA_CORRUPT, "");
        }
        return new Result(ending, run.startedAtMs, clock.millis(), run.frames.position(), run.meter.peakDbfs(),
                run.meter.rmsDbfs());
    }

    /**
     * Amplifier on (and warm), then the zones; null when the stream may go on. The zones go on as soon as the
     * amplifier is warm, up to {@link Arbiter#PREPARE_MS} before they must: switching them and priming the
     * output then take nothing from the settle, and the card can be asked to start on the instant.
     */
    private Ending switchOn(Run run, Switched sw) throws HardwareException {
        sw.amplifierOn(run.spec.startAtMs() - switching.timings().settle().toMillis() - Arbiter.PREPARE_MS);
        if (!running.getAsBoolean()) {
            return new Ending.Failed(Failure.AGENT_STOPPING, "");
        }
        run.failedZones.addAll(sw.zonesOn(run.spec.zones()).keySet());
        return sw.zonesSwitchedOn().isEmpty() ? new Ending.Failed(Failure.ZONES_FAILED, "") : null;
    }

    /** Opens the output and decodes the first frame before the instant, so the first sample goes out on time. */
    private void prime(Run run, Switched sw) throws HardwareException, IOException {
        sw.openAudio(run.frames.format(), run.spec.label());
        run.frames.advance();
        run.frames.drop(run.spec.skipSamples());
    }

    /**
     * Waits until shortly before the instant, then lets the card time the start: the content's first
     * sample sounds on {@code audioAt}, to the sample, and nothing is dropped. A stream already behind
     * its common start (in step, the relays settled after it), a thread that wakes after the instant, or
     * an output that cannot time a start falls back to the thread: a wait to the instant, then
     * {@link #catchUp}.
     *
     * @return the instant the content starts at
     */
    private long start(Run run, long audioAt) throws HardwareException, IOException {
        long atUs = audioAt * 1000;
        boolean behind = run.spec.inStep() && audioAt > run.spec.startAtMs();
        if (!behind && run.frames.current() != null) {
            sleepUntilMicros(atUs - CARD_START_LEAD_US, 0);
            if (running.getAsBoolean() && hardware.audio().startAt(atUs, clock)) {
                run.startedAtMs = audioAt;
                return audioAt;
            }
            log.debug("station {} {}: the card did not time the start (the instant {} us away)", stationId,
                    run.spec.label(), atUs - micros());
        }
        sleepUntilMicros(atUs, SPIN_US);
        return catchUp(run);
    }

    /**
     * In step with the others: a start a little late begins the content at the common instant, the
     * samples missed dropped; measured again after each drop (decoding the next frame takes time too),
     * so the first write follows the last measurement with nothing in between.
     *
     * @return the instant the content starts at
     */
    private long catchUp(Run run) throws IOException {
        long startAtUs = run.spec.startAtMs() * 1000;
        long lateUs = micros() - startAtUs;
        if (!run.spec.inStep() || lateUs <= 0 || lateUs > CATCH_UP_MAX_US || run.frames.current() == null) {
            run.startedAtMs = (startAtUs + lateUs) / 1000;
            return run.startedAtMs;
        }
        int rate = run.frames.format().sampleRate();
        long maxDrop = CATCH_UP_MAX_US * rate / 1_000_000;
        long dropped = 0;
        for (int pass = 0; pass < 3 && run.frames.current() != null; pass++) {
            long due = Math.min(maxDrop, (micros() - startAtUs) * rate / 1_000_000);
            if (due <= dropped) {
                break;
            }
            dropped += run.frames.drop(due - dropped);
        }
        log.debug("station {} {}: woke {} us after the start instant; {} samples dropped to play in step",
                stationId, run.spec.label(), lateUs, dropped);
        run.startedAtMs = run.spec.startAtMs();
        return run.startedAtMs;
    }

    /** Writes frame after frame at the output's pace; null when the stream played to its end. */
    private Ending stream(Run run, long startedAtMs) throws IOException, HardwareException {
        boolean told = false;
        Ending ending = null;
        long nextProgressMs = clock.millis() + PROGRESS_EVERY_MS;
        for (short[] frame = run.frames.current(); frame != null; frame = run.frames.current()) {
            if (!running.getAsBoolean()) {
                ending = new Ending.Failed(Failure.AGENT_STOPPING, "");
                break;
            }
            Optional<Interruption> interruption = run.spec.interrupter().check();
            if (interruption.isPresent()) {
                ending = new Ending.Interrupted(interruption.get());
                break;
            }
            applyGain(frame, run.spec.gain());
            hardware.audio().write(frame, 0, frame.length);
            if (!told) {
                told = true; // after the first write: nothing stands between the instant and the card
                run.spec.onFirstAudio().accept(startedAtMs);
            }
            run.meter.add(frame, frame.length);
            run.frames.played();
            long now = clock.millis();
            if (now >= nextProgressMs) {
                nextProgressMs = now + PROGRESS_EVERY_MS;
                run.spec.progress().played(now, run.meter.peakDbfs(), run.meter.rmsDbfs());
            }
        }
        if (!told) {
            run.spec.onFirstAudio().accept(startedAtMs); // stopped, or nothing left, before the first frame
        }
        return ending;
    }

    /** Drains the output and reads the zones back before they go off; the ending, completed when none. */
    private Ending teardown(Run run, Switched sw, Ending ending) throws HardwareException {
        sw.closeAudio();
        lostDuringPlay(run.spec.label(), sw.zonesSwitchedOn(), run.failedZones);
        if (ending != null) {
            return ending;
        }
        boolean late = run.startedAtMs - run.spec.startAtMs() > LATE_MS;
        return new Ending.Completed(List.copyOf(run.failedZones), late);
    }

    /**
     * Zones whose relay board stopped answering, or whose relay fell off, while the audio played: they are
     * reported failed (the others played on). Only boards that can read back (Modbus) can tell.
     */
    private void lostDuringPlay(String label, List<Long> switched, List<Long> failedZones) {
        for (long zone : switched) {
            try {
                Optional<Boolean> on = hardware.zones().readBack(zone);
                if (on.isPresent() && !on.get()) {
                    failedZones.add(zone);
                    log.error("station {} {}: zone {} ({}) was found off at the end of the play", stationId, label,
                            zone, hardware.zones().describe(zone));
                }
            } catch (HardwareException e) {
                failedZones.add(zone);
                log.error("station {} {}: zone {} ({}) failed during the play: {}", stationId, label, zone,
                        hardware.zones().describe(zone), e.getMessage());
            }
        }
    }

    static void applyGain(short[] frame, float gain) {
        if (gain >= 0.9999f) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(frame[i] * gain);
        }
    }

    /**
     * Waits on the station clock to the microsecond: parks, then spins the last {@code spinUs} µs
     * ({@value #SPIN_US} when the thread times the start; none before the card's lead, which needs no precision).
     */
    private void sleepUntilMicros(long epochUs, long spinUs) {
        long remaining;
        while ((remaining = epochUs - micros()) > spinUs && running.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(remaining - spinUs, 50_000) * 1_000L);
        }
        while (micros() < epochUs && running.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    private long micros() {
        return StartSilence.micros(clock);
    }
}
