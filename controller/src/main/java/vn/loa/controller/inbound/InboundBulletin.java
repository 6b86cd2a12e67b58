package vn.loa.controller.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.loa.controller.inbox.Level;

/**
 * A bulletin sent down by the upstream system (docs/integration.md#inbound-bulletins), as parsed; who sent it is
 * the authenticated caller, never a field of it.
 *
 * @param ref       the upstream system's id of the bulletin: the same ref twice is taken once
 * @param gsoCodes  target areas by GSO administrative code, resolved through the area history
 * @param text      the text; spoken for an emergency without audio
 * @param bulletinId audio uploaded before (multipart {@code POST /api/v1/bulletins} with the same token), or null
 * @param audioUrl  where to fetch the audio, or null
 * @param proposedAt NORMAL and PRIORITY: when it should play
 * @param respondBy NORMAL: the communes' deadline
 * @param window    PRIORITY: how much later a commune may move it
 */
public record InboundBulletin(String ref, Level level, String title, List<String> gsoCodes, String text, Long bulletinId,
        String audioUrl, String language, Instant proposedAt, Instant respondBy, Duration window) {

    public boolean hasAudio() {
        return bulletinId != null || audioUrl != null;
    }
}
