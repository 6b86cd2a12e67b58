package vn.loa.controller.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What espeak-ng's Vietnamese voice makes of the normalised text, read as phonemes ({@code -x}): never
 * a switch to its English voice, never a letter's name where a word was meant.
 */
@Tag("needs-tools")
public class NormalisedSpeechPhonemesTest {
    private static final String SENTENCE =
            "Ngày 7/12, lúc 14h30, mực nước sông Kỳ Cùng đạt 3,5 m. UBND xã đề nghị bà con chú ý.";
    private final VietnameseTextNormaliser normaliser = new VietnameseTextNormaliser();

    @Test
    void theIssuesSentenceIsReadAsAnAnnouncerWould() throws Exception {
        String raw = phonemes(SENTENCE);
        assertThat(raw).as("without normalisation (the finding)").contains("(en)");

        String spoken = phonemes(normaliser.normalise(SENTENCE));
        assertThat(spoken).doesNotContain("(en)")
                .doesNotContain("h'a3t") // "hát", the letter h of "14h30"
                .doesNotContain("'E7m@:2"); // "em-mờ", the letter m of "3,5 m"
        assertThat(spoken).isEqualTo(phonemes("Ngày bảy tháng mười hai, lúc mười bốn giờ ba mươi, mực nước sông Kỳ "
                + "Cùng đạt ba phẩy năm mét. Ủy ban nhân dân xã đề nghị bà con chú ý."));
    }

    static List<Arguments> phrases() {
        return VietnameseTextNormaliserTest.phrases().map(a -> Arguments.of(a.get()[0])).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phrases")
    void noPhraseSwitchesToAnotherVoice(String written) throws Exception {
        assertThat(phonemes(normaliser.normalise(written))).doesNotContain("(en)");
    }

    public static String phonemes(String text) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("espeak-ng", "-v", "vi", "-q", "-x", "--stdin").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng is required by this test (apt-get install espeak-ng)", e);
        }
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("espeak-ng finished").isTrue();
        assertThat(p.exitValue()).as("espeak-ng exit: " + out).isZero();
        return out.strip().replaceAll("\\s+", " ");
    }
}
