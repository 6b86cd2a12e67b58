package vn.loa.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a speaker whose node was lost is told: the other nodes named, or to wait for the one address given. */
class LiveLinkLostTest {
    private static final URI A = URI.create("http://node-a:8080");
    private static final URI B = URI.create("http://node-b:8080");
    private static final URI C = URI.create("https://node-c:8443");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(A, B), "máy chủ còn lại: " + B, "surviving node: " + B),
                Arguments.of(List.of(B, A), "máy chủ còn lại: " + B, "surviving node: " + B),
                Arguments.of(List.of(A, B, C), "máy chủ còn lại: " + B + ", " + C, "surviving node: " + B + ", " + C),
                Arguments.of(List.of(A), "phát lại khi máy chủ trả lời", "once the controller answers"),
                Arguments.of(List.of(), "phát lại khi máy chủ trả lời", "once the controller answers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesWhereToSpeakAgain(List<URI> given, String vietnamese, String english) {
        String advice = new LiveLinkLost(A, 17, "the connection ended", null).advice(given);
        assertThat(advice).contains("buổi phát 17 đã dừng ở mọi đài").contains(vietnamese)
                .contains("announcement 17 ended at every station").contains(english)
                .contains("the live link to " + A + " broke");
        assertThat(advice.indexOf(vietnamese)).as("Vietnamese first").isLessThan(advice.indexOf(english));
    }
}
