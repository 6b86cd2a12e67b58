package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.loa.controller.rejection.RejectionCode;

/** The console renders every refusal from its code: each code has a Vietnamese and an English text. */
class ConsoleErrorCatalogueTest {
    @Test
    void everyRejectionCodeIsInBothLanguagesWithTheSameParameters() throws Exception {
        String js;
        try (InputStream in = getClass().getResourceAsStream("/console/js/errors.js")) {
            assertThat(in).as("console/js/errors.js on the classpath").isNotNull();
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (RejectionCode code : RejectionCode.values()) {
            Matcher m = Pattern.compile("\\n    " + code.name() + ": \"((?:[^\"\\\\]|\\\\.)*)\",").matcher(js);
            List<String> texts = new ArrayList<>();
            while (m.find()) {
                texts.add(m.group(1));
            }
            assertThat(texts).as(code + " in vi and en").hasSize(2);
            for (String text : texts) {
                for (String param : code.params()) {
                    assertThat(text).as(code + " names {" + param + "}").contains("{" + param + "}");
                }
            }
            assertThat(texts.get(0)).as(code + ": the Vietnamese text is not the English one").isNotEqualTo(texts.get(1));
        }
    }
}
