package vn.loa.controller.announcement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.LiveEncoder;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.media.MediaStore;
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

    /** @throws AnnouncementService.Invalid with every reason (and the earlier ones) when refused */
    /** The furthest ahead an announcement may start (docs/api.md#announcements); later ones are schedules. */
    static final java.time.Duration MAX_LEAD = java.time.Duration.ofDays(7);
    /** The longest an announcement of a bulletin may last, all repeats together. */
    static final java.time.Duration MAX_ON_AIR = java.time.Duration.ofHours(2);

    /** An instant as an operator reads it: to the second, in Vietnam's time (never nanoseconds; issue 15). */
    private static String second(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
                .format(t.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
    }

    Checked check(AnnouncementService.Request r, List<String> earlierErrors, Instant now) {
        List<String> errors = new ArrayList<>(earlierErrors);
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stations.findAll());
        if (r.targets() != null) {
            errors.addAll(resolver.problems(r.targets()));
        }
        if (r.startAt() != null && r.startAt().isBefore(now.minusSeconds(1))) {
            errors.add(vn.loa.controller.rejection.RejectionCode.IN_THE_PAST.problem("startAt", second(r.startAt())).english());
        } else if (r.startAt() != null && r.startAt().isAfter(now.plus(MAX_LEAD))) {
            // an announcement is for now or soon: a later one is a schedule (it would sit in memory until then)
            errors.add(vn.loa.controller.rejection.RejectionCode.TOO_FAR_AHEAD
                    .problem("startAt", second(r.startAt()), MAX_LEAD.toDays()).english());
        }
        Bulletin bulletin = null;
        if (r.source() instanceof AnnouncementSource.FromBulletin b) {
            bulletin = bulletins.find(b.bulletinId()).orElse(null);
            if (bulletin == null) {
                errors.add("source.bulletinId: bulletin " + b.bulletinId() + " does not exist");
            } else if (bulletin.durationMs() * r.repeat() > MAX_ON_AIR.toMillis()) {
                errors.add(vn.loa.controller.rejection.RejectionCode.TOO_LONG_ON_AIR.problem("repeat",
                        (bulletin.durationMs() * r.repeat() + 59_999) / 60_000, MAX_ON_AIR.toMinutes()).english());
            }
        }
        boolean unavailable = false;
        if (r.source() instanceof AnnouncementSource.FromText t) {
            // the language first: a person learns there is no Tày voice whether or not espeak-ng is installed
            var language = vn.loa.controller.bulletin.BulletinLanguage.of(t.language());
            if (language.isEmpty()) {
                errors.add(vn.loa.controller.bulletin.BulletinLanguage.refusal("source.language", t.language()));
            } else if (!tts.languages().contains(language.get().code())) {
                String lang = vn.loa.controller.bulletin.BulletinLanguage.describe(t.language());
                errors.add("source.language: chưa có giọng đọc cho " + lang + "; hãy thu âm bản tin và gửi dạng tệp"
                        + " (text-to-speech has no voice for " + lang + ": record the bulletin and send it as audio;"
                        + " voices exist for " + tts.languages() + ")");
            } else if (!tts.available()) {
                errors.add("source: " + tts.unavailableReason());
                unavailable = true;
            } else if (!tts.voices().contains(t.voice())) {
                errors.add("source.voice: '" + t.voice() + "' is not one of " + tts.voices());
            }
        }
        if (!errors.isEmpty()) {
            throw new AnnouncementService.Invalid(errors, unavailable && errors.size() == 1);
        }
        return new Checked(r, resolver, bulletin);
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
