package vn.loa.controller.announcement;

/** Where an announcement's audio comes from. */
public sealed interface AnnouncementSource {
    String type();

    record FromBulletin(long bulletinId) implements AnnouncementSource {
        public String type() {
            return "BULLETIN";
        }
    }

    record FromText(String text, String voice) implements AnnouncementSource {
        public String type() {
            return "TEXT";
        }
    }

    record Live() implements AnnouncementSource {
        public String type() {
            return "LIVE";
        }
    }
}
