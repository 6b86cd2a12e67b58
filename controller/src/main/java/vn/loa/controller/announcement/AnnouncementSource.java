package vn.loa.controller.announcement;

/** Where an announcement's audio comes from. */
public sealed interface AnnouncementSource {
    String type();

    record FromBulletin(long bulletinId) implements AnnouncementSource {
        public String type() {
            return "BULLETIN";
        }
    }

    /** @param language what the text is written in (a code of {@code BulletinLanguage}); {@code vi} unless told */
    record FromText(String text, String voice, String language) implements AnnouncementSource {
        public FromText(String text, String voice) {
            this(text, voice, vn.loa.controller.bulletin.BulletinLanguage.DEFAULT);
        }

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
