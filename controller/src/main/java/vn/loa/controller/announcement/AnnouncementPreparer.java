package vn.loa.controller.announcement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinLanguage;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.LiveEncoder;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketReader;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * Checks an announcement request (targets, bulletin, speech engine and voice, start instant; every reason
 * at once) and prepares its audio once: a bulletin's LOP file read into packets; a text spoken by the
 * speech engine and put through the normal media pipeline; a live announcement's stream header only.
 * Blocking (database, disk, the speech engine).
 */
public final class AnnouncementPreparer {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AnnouncementPreparer.class);
    private final BulletinRepository bulletins;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final MediaStore media;
    private final MediaIngest ingest;
    private final TextToSpeech tts;
    private final Path tmpDir;
    private final int livePreSkip = new LiveEncoder(LiveEncoder.SAMPLE_RATE).preSkip();

    public AnnouncementPreparer(BulletinRepository bulletins, StationRepository stations, AreaRepository areas,
            MediaStore media, MediaIngest ingest, TextToSpeech tts, Path tmpDir) {
        this.bulletins = bulletins;
        this.stations = stations;
        this.areas = areas;
        this.media = media;
        this.ingest = ingest;
        this.tts = tts;
        this.tmpDir = tmpDir;
    }

    TextToSpeech tts() {
        return tts;
    }

    /** A request that passed the checks: its targets' resolver, and its bulletin (null for text and live). */
    record Checked(AnnouncementService.Request request, TargetResolver resolver, Bulletin bulletin) {
    }

    /** The audio, ready: the start every station gets (less its id, zones and instant), and the packets. */
    record Audio(String sha256, BroadcastStart.Builder start, List<byte[]> packets, boolean recorded) {
    }

    /** The furthest ahead an announcement may start (docs/api.md#announcements); later ones are schedules. */
    static final java.time.Duration MAX_LEAD = java.time.Duration.ofDays(7);
    /** The longest an announcement of a bulletin may last, all repeats together. */
    static final java.time.Duration MAX_ON_AIR = java.time.Duration.ofHours(2);

    /** An instant as an operator reads it: to the second, in Vietnam's time (never nanoseconds; issue 15). */
    static String second(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
                .format(t.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
    }

    /**
     * The request checked, with the problems found before it (the body's); every problem at once.
     *
     * @throws Rejection with every problem (the earlier ones first) when refused; its status is the first one's,
     *     so a speech engine that is missing answers 503 only when nothing else is wrong
     */
    Checked check(AnnouncementService.Request r, List<Problem> earlier, Instant now) {
        Problems problems = new Problems();
        earlier.forEach(problems::add);
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stations.findAll());
        if (r.targets() != null) {
            resolver.check(r.targets()).forEach(problems::add);
        }
        startProblem(r.startAt(), now).ifPresent(problems::add);
        Bulletin bulletin = null;
        if (r.source() instanceof AnnouncementSource.FromBulletin b) {
            bulletin = bulletins.find(b.bulletinId()).orElse(null);
            if (bulletin == null) {
                problems.add(RejectionCode.DOES_NOT_EXIST, "source.bulletinId", ObjectKind.BULLETIN, b.bulletinId());
            } else if (bulletin.durationMs() * r.repeat() > MAX_ON_AIR.toMillis()) {
                problems.add(RejectionCode.TOO_LONG_ON_AIR, "repeat",
                        (bulletin.durationMs() * r.repeat() + 59_999) / 60_000, MAX_ON_AIR.toMinutes());
            }
        }
        if (r.source() instanceof AnnouncementSource.FromText t) {
            speechProblem(t).ifPresent(problems::add);
        }
        problems.throwIfAny();
        return new Checked(r, resolver, bulletin);
    }

    /** A start already past (by more than a second) or more than {@link #MAX_LEAD} ahead; none when it is now. */
    static Optional<Problem> startProblem(Instant startAt, Instant now) {
        if (startAt != null && startAt.isBefore(now.minusSeconds(1))) {
            return Optional.of(RejectionCode.IN_THE_PAST.problem("startAt", second(startAt)));
        }
        if (startAt != null && startAt.isAfter(now.plus(MAX_LEAD))) {
            // an announcement is for now or soon: a later one is a schedule (it would sit in memory until then)
            return Optional.of(RejectionCode.TOO_FAR_AHEAD.problem("startAt", second(startAt), MAX_LEAD.toDays()));
        }
        return Optional.empty();
    }

    /** Why a text cannot be spoken: the language first (no Tày voice whether or not espeak-ng is installed). */
    private Optional<Problem> speechProblem(AnnouncementSource.FromText t) {
        var language = BulletinLanguage.of(t.language());
        if (language.isEmpty()) {
            return Optional.of(RejectionCode.LANGUAGE_UNSUPPORTED.problem("source.language", t.language(),
                    BulletinLanguage.ALL.stream().map(BulletinLanguage::code).toList()));
        }
        if (!tts.languages().contains(language.get().code())) {
            return Optional.of(RejectionCode.NO_VOICE_FOR_LANGUAGE.problem("source.language",
                    BulletinLanguage.describe(t.language()), tts.languages().stream().sorted().toList()));
        }
        if (!tts.available()) {
            return Optional.of(RejectionCode.SPEECH_UNAVAILABLE.problem(tts.unavailableReason()));
        }
        if (!tts.voices().contains(t.voice())) {
            return Optional.of(RejectionCode.NOT_ONE_OF.problem("source.voice", t.voice(), tts.voices().stream().sorted().toList()));
        }
        return Optional.empty();
    }

    /** The audio, prepared once for every station. */
    Audio prepare(Checked c) throws IOException, InterruptedException {
        AnnouncementService.Request r = c.request();
        boolean live = r.source() instanceof AnnouncementSource.Live;
        Path lop = null;
        String sha = null;
        if (c.bulletin() != null) {
            sha = c.bulletin().sha256();
            lop = media.pathOf(sha);
        } else if (r.source() instanceof AnnouncementSource.FromText t) {
            TextToSpeech.Speech speech = tts.synthesize(t.text(), t.voice(), tmpDir);
            Path wav = speech.wav();
            log.debug("text announcement '{}' spoken as: {} [{}]", r.title(), speech.spoken(), speech.phonemes());
            try {
                IngestedMedia m = ingest.ingest(wav, "tts.wav");
                sha = m.sha256();
                lop = m.file();
            } catch (MediaRejectedException e) {
                throw new IOException("the speech engine produced unusable audio: " + e.reason(), e);
            } finally {
                Files.deleteIfExists(wav);
            }
        }
        BroadcastStart.Builder start = BroadcastStart.newBuilder().setTitle(r.title()).setPriority(r.priority())
                .setChime(r.chime()).setRepeat(live ? 1 : r.repeat()).setLive(live);
        List<byte[]> packets = new ArrayList<>();
        if (lop != null) {
            try (OpusPacketReader reader = OpusPacketReader.open(lop)) {
                OpusPacketFile.Header h = reader.header();
                start.setSampleRate(h.sampleRate()).setChannels(h.channels()).setFrameSamples(h.frameSamples())
                        .setPreSkip(h.preSkip()).setTotalSamples(h.totalSamples());
                byte[] p;
                while ((p = reader.nextPacket()) != null) {
                    packets.add(p);
                }
            }
        } else {
            start.setSampleRate(LiveEncoder.SAMPLE_RATE).setChannels(1).setFrameSamples(LiveEncoder.FRAME_SAMPLES)
                    .setPreSkip(livePreSkip).setTotalSamples(0);
        }
        return new Audio(sha, start, packets, lop != null);
    }
}
