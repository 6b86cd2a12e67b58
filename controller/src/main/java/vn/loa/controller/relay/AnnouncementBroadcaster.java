package vn.loa.controller.relay;

import java.util.List;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.protocol.v1.Priority;

/** Relays go out as live announcements at {@link Priority#RELAY}, without a chime. */
public final class AnnouncementBroadcaster implements Broadcaster {
    private final AnnouncementService announcements;

    public AnnouncementBroadcaster(AnnouncementService announcements) {
        this.announcements = announcements;
    }

    @Override
    public OnAir open(Relay relay) throws Exception {
        long id = announcements.create(new AnnouncementService.Request(relay.title(), Priority.RELAY, relay.targets(),
                new AnnouncementSource.Live(), false, 1, null, relay.createdBy()), List.of());
        AnnouncementService.LiveFeed feed = announcements.liveFeed(id).orElseThrow(
                () -> new IllegalStateException("announcement " + id + " was opened live but takes no audio"));
        return new OnAir() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public boolean packet(byte[] opus) {
                try {
                    feed.packet(opus);
                    return true;
                } catch (IllegalStateException ended) {
                    return false; // stopped from elsewhere (an operator's DELETE): the broadcast has ended
                }
            }

            @Override
            public void end() {
                feed.end();
            }

            @Override
            public void stop(String reason) {
                announcements.stop(id, reason);
            }
        };
    }
}
