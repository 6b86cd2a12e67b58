package vn.loa.controller.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented list of languages: which codes are taken, in which form, and what a refusal says. */
class BulletinLanguageTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "vi, vi, Tiếng Việt", "VI, vi, Tiếng Việt", "' tyz ', tyz, Tiếng Tày", "nut, nut, Tiếng Nùng",
            "hmn, hmn, Tiếng Hmông", "ium, ium, Tiếng Dao (Iu Miền)", "dao, -, -", "vie, -, -", "tay, -, -", "'', -, -"})
    void codes(String given, String code, String name) {
        assertThat(BulletinLanguage.of(given).map(BulletinLanguage::code).orElse(null)).isEqualTo(code);
        assertThat(BulletinLanguage.of(given).map(BulletinLanguage::vietnamese).orElse(null)).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void vietnameseComesFirstAndARefusalNamesTheList() {
        assertThat(BulletinLanguage.ALL.get(0).code()).isEqualTo(BulletinLanguage.DEFAULT);
        assertThat(BulletinLanguage.ALL).extracting(BulletinLanguage::code).doesNotHaveDuplicates();
        assertThat(BulletinLanguage.ALL).extracting(BulletinLanguage::code).contains("tyz", "ium");
        assertThat(BulletinLanguage.describe("tyz")).isEqualTo("tyz (Tiếng Tày / Tày)");
    }
}
