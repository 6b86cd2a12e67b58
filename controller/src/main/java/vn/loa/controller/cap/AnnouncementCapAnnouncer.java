package vn.loa.controller.cap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.v1.Priority;

/**
 * {@link CapAnnouncer} over the controller's {@link AnnouncementService}: the decision's stations as targets, its
 * text spoken by the speech engine (in the info's language when the engine has that voice, else Vietnamese), the
 * chime first for EMERGENCY and PRIORITY. An {@code audio/*} resource is not fetched: no outbound fetch point is
 * wired into the controller yet, so its info's text is spoken instead (docs/integration.md).
 */
public final class AnnouncementCapAnnouncer implements CapAnnouncer {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementCapAnnouncer.class);
    static final String DEFAULT_VOICE = "vi";

    private final AnnouncementService announcements;

    public AnnouncementCapAnnouncer(AnnouncementService announcements) {
        this.announcements = announcements;
    }

    @Override
    public long announce(CapDecision.Broadcast b, Long accountId) throws InterruptedException {
        CapDecision.Speech speech = switch (b.content()) {
            case CapDecision.Speech s -> s;
            case CapDecision.Audio a -> {
                if (a.orElse() == null) {
                    throw new CapRejected("its audio resource " + a.uri() + " cannot be fetched here (no outbound "
                            + "fetch point) and its info has no text to speak");
                }
                log.warn("CAP alert {}: audio resource {} not fetched (no outbound fetch point); speaking its text",
                        b.identifier(), a.uri());
                yield a.orElse();
            }
        };
        Set<String> voices = announcements.tts().voices();
        String voice = voices.contains(speech.language()) ? speech.language() : DEFAULT_VOICE;
        List<String> errors = new ArrayList<>();
        try {
            return announcements.create(new AnnouncementService.Request(clip(b.title()), b.priority(),
                    new Targets(List.copyOf(new java.util.TreeSet<>(b.stationIds())), List.of(), List.of()),
                    new AnnouncementSource.FromText(clipText(speech.text()), voice),
                    b.priority() == Priority.EMERGENCY || b.priority() == Priority.PRIORITY, 1, null, accountId), errors);
        } catch (AnnouncementService.Invalid e) {
            throw new CapRejected(e.getMessage());
        } catch (IOException e) {
            throw new CapRejected("cannot prepare the announcement's audio: " + e.getMessage());
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
