package vn.loa.controller.cli;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The live link to a controller broke while the speaker spoke (the node died or stopped): the
 * announcement ended at every station with a reason code and cannot go on through another node. What
 * the speaker is told: why, and where to start again ({@link #advice}).
 */
public final class LiveLinkLost extends IOException {
    private final URI controller;
    private final long announcementId;

    public LiveLinkLost(URI controller, long announcementId, String why, Throwable cause) {
        super("the live link to " + controller + " broke during announcement " + announcementId + ": " + why, cause);
        this.controller = controller;
        this.announcementId = announcementId;
    }

    public URI controller() {
        return controller;
    }

    /**
     * What to tell the speaker, Vietnamese first: the announcement ended at every station; start it again
     * on one of the other controllers given (the surviving node leads within about 10 s), or, with none
     * given, on the address in front of the cluster once it answers.
     *
     * @param controllers every controller the speaker named ({@code --url}), the lost one among them
     */
    public String advice(List<URI> controllers) {
        List<URI> others = controllers.stream().filter(u -> !u.equals(controller)).toList();
        String where = others.isEmpty() ? controller.toString() : String.join(", ", others.stream().map(URI::toString).toList());
        String vi = others.isEmpty()
                ? "Mất kết nối phát trực tiếp với máy chủ " + controller + "; buổi phát " + announcementId
                        + " đã dừng ở mọi đài. Hãy phát lại khi máy chủ trả lời (máy chủ dự phòng tiếp quản trong khoảng 10 giây)."
                : "Mất kết nối phát trực tiếp với máy chủ " + controller + "; buổi phát " + announcementId
                        + " đã dừng ở mọi đài. Hãy phát lại trên máy chủ còn lại: " + where + ".";
        String en = others.isEmpty()
                ? "The live link to " + controller + " broke; announcement " + announcementId + " ended at every station. "
                        + "Speak again once the controller answers (a standby takes over within about 10 s)."
                : "The live link to " + controller + " broke; announcement " + announcementId + " ended at every station. "
                        + "Speak again on the surviving node: " + where + ".";
        return vi + "\n" + en + "\n(" + getMessage() + ")";
    }
}
