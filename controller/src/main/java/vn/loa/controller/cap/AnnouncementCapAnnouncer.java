package vn.loa.controller.cap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.v1.Priority;

/**
 * {@link CapAnnouncer} over the controller's {@link AnnouncementService}: the decision's stations as targets, the
 * chime first for EMERGENCY and PRIORITY. An {@code audio/*} resource is fetched under the outbound policy
 * ({@link CapAudioFetcher}), decoded and stored like an uploaded bulletin, and played; when it cannot be (refused
 * address, dead link, wrong type, too large, digest mismatch, not decodable) the info's text is spoken instead and
 * the reason returned, to be recorded with the alert. Text is spoken by the speech engine in the info's language
 * when the engine has that voice, else Vietnamese.
 */
public final class AnnouncementCapAnnouncer implements CapAnnouncer {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementCapAnnouncer.class);
    static final String DEFAULT_VOICE = "vi";

    /** Where a fetched resource goes: decoded and stored as a bulletin, whose id is returned. */
    @FunctionalInterface
    public interface AudioLibrary {
        long store(Path file, String title, Long accountId) throws MediaRejectedException, IOException;
    }

    private final AnnouncementService announcements;
    private final CapAudioFetcher fetcher;
    private final AudioLibrary library;

    public AnnouncementCapAnnouncer(AnnouncementService announcements, CapAudioFetcher fetcher, AudioLibrary library) {
        this.announcements = announcements;
        this.fetcher = fetcher;
        this.library = library;
    }

    /** The library over the bulletin store: {@code ingest} decodes (the decoder check) and stores the audio. */
    public static AudioLibrary bulletins(MediaIngest ingest, BulletinRepository bulletins) {
        return (file, title, accountId) -> {
            IngestedMedia m = ingest.ingest(file, "cap-resource");
            return bulletins.create(title, m.sha256(), m.sizeBytes(), m.durationMs(), m.sampleRate(), "cap-resource",
                    accountId);
        };
    }

    @Override
    public Announced announce(CapDecision.Broadcast b, Long accountId) throws InterruptedException {
        return switch (b.content()) {
            case CapDecision.Speech s -> new Announced(create(b, speak(s), accountId), null);
            case CapDecision.Audio a -> {
                String why;
                CapAudioFetcher.Result fetched = fetcher.fetch(a.uri(), a.digest());
                switch (fetched) {
                    case CapAudioFetcher.Fetched f -> {
                        try {
                            long bulletin = library.store(f.file(), clip(b.title()), accountId);
                            log.info("CAP alert {}: audio resource {} ({} bytes) stored as bulletin {}", b.identifier(),
                                    a.uri(), f.bytes(), bulletin);
                            yield new Announced(create(b, new AnnouncementSource.FromBulletin(bulletin), accountId), null);
                        } catch (MediaRejectedException e) {
                            why = CapAudioFetcher.Reason.UNDECODABLE + ": " + e.reason();
                        } catch (IOException e) {
                            throw new CapRejected("cannot store the audio resource " + a.uri() + ": " + e.getMessage());
                        } finally {
                            deleteQuietly(f.file());
                        }
                    }
                    case CapAudioFetcher.Refused r -> why = r.reason() + ": " + r.detail();
                }
                if (a.orElse() == null) {
                    throw new CapRejected("its audio resource " + a.uri() + " cannot be used (" + why
                            + ") and its info has no text to speak");
                }
                log.warn("CAP alert {}: audio resource {} not used ({}); speaking its text", b.identifier(), a.uri(), why);
                yield new Announced(create(b, speak(a.orElse()), accountId), a.uri() + " " + why);
            }
        };
    }

    private AnnouncementSource speak(CapDecision.Speech speech) {
        Set<String> voices = announcements.tts().voices();
        String voice = voices.contains(speech.language()) ? speech.language() : DEFAULT_VOICE;
        return new AnnouncementSource.FromText(clipText(speech.text()), voice);
    }

    private long create(CapDecision.Broadcast b, AnnouncementSource source, Long accountId) throws InterruptedException {
        try {
            return announcements.create(new AnnouncementService.Request(clip(b.title()), b.priority(),
                    new Targets(List.copyOf(new java.util.TreeSet<>(b.stationIds())), List.of(), List.of()), source,
                    b.priority() == Priority.EMERGENCY || b.priority() == Priority.PRIORITY, 1, null, accountId),
                    List.of());
        } catch (vn.loa.controller.rejection.Rejection e) {
            throw new CapRejected(e.getMessage());
        } catch (IOException e) {
            throw new CapRejected("cannot prepare the announcement's audio: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the fetched CAP resource {}: {}", file, e.toString());
        }
    }

    @Override
    public boolean stop(long announcementId, String reason) {
        return announcements.stop(announcementId, reason);
    }

    /** Announcement texts are at most 5,000 characters (the announcement table). */
    private static String clipText(String text) {
        return text.length() <= 5000 ? text : text.substring(0, 4999) + "…";
    }

    private static String clip(String title) {
        return title.length() <= 300 ? title : title.substring(0, 299) + "…";
    }
}
