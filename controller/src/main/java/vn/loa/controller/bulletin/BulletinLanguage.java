package vn.loa.controller.bulletin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages a bulletin may be tagged with: BCP 47 tags (ISO 639-1 where one exists, else ISO 639-3),
 * as CAP 1.2's {@code <language>} carries them. Vietnamese first, then the languages of the northern
 * mountain provinces, then the Central Highlands and the south. The list is documented in
 * docs/api.md#languages; a code not on it is refused.
 *
 * <p>Note: ISO 639-3 {@code dao} is Daai Chin (Myanmar), not the Dao people of Vietnam, whose languages are
 * Iu Mien ({@code ium}) and Kim Mun ({@code mji}); Hmông is the macrolanguage {@code hmn}.
 *
 * @param code       the tag, lower case
 * @param vietnamese the name in Vietnamese, as the console and the reports show it
 * @param english    the name in English
 */
public record BulletinLanguage(String code, String vietnamese, String english) {
    public static final String DEFAULT = "vi";

    public static final List<BulletinLanguage> ALL = List.of(
            new BulletinLanguage("vi", "Tiếng Việt", "Vietnamese"),
            new BulletinLanguage("tyz", "Tiếng Tày", "Tày"),
            new BulletinLanguage("nut", "Tiếng Nùng", "Nùng"),
            new BulletinLanguage("hmn", "Tiếng Hmông", "Hmong"),
            new BulletinLanguage("ium", "Tiếng Dao (Iu Miền)", "Dao (Iu Mien)"),
            new BulletinLanguage("mji", "Tiếng Dao (Kim Miền)", "Dao (Kim Mun)"),
            new BulletinLanguage("blt", "Tiếng Thái Đen", "Tai Dam (Black Tai)"),
            new BulletinLanguage("tyj", "Tiếng Thái Trắng", "Tai Don (White Tai)"),
            new BulletinLanguage("mtq", "Tiếng Mường", "Muong"),
            new BulletinLanguage("sss", "Tiếng Sán Chay", "San Chay"),
            new BulletinLanguage("rad", "Tiếng Ê Đê", "Rade (Ede)"),
            new BulletinLanguage("jra", "Tiếng Gia Rai", "Jarai"),
            new BulletinLanguage("bdq", "Tiếng Ba Na", "Bahnar"),
            new BulletinLanguage("cjm", "Tiếng Chăm", "Cham (Eastern)"),
            new BulletinLanguage("km", "Tiếng Khmer", "Khmer"),
            new BulletinLanguage("zh", "Tiếng Hoa", "Chinese"),
            new BulletinLanguage("en", "Tiếng Anh", "English"));

    /** The language of a code (case-insensitive, as BCP 47 tags are). */
    public static Optional<BulletinLanguage> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(l -> l.code().equals(c)).findFirst();
    }

    /** "tyz (Tày)" for messages. */
    public static String describe(String code) {
        return of(code).map(l -> l.code() + " (" + l.vietnamese() + " / " + l.english() + ")").orElse(code);
    }
}
