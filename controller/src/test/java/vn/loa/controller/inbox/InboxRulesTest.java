package vn.loa.controller.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TT 39 answers, table-driven: who may accept, decline or move what, and when. */
class InboxRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final Instant PROPOSED = NOW.plus(Duration.ofHours(2));
    private static final Instant DEADLINE = NOW.plus(Duration.ofHours(1));

    private static Dispatch dispatch(Level level) {
        return new Dispatch(1, "Tin", 1, level, PROPOSED, level == Level.NORMAL ? DEADLINE : null,
                level == Level.PRIORITY ? Duration.ofMinutes(30) : null, Source.PERSON, null, null, NOW);
    }

    private static Answer answer(String what, long minutesAfterProposed) {
        Instant at = PROPOSED.plus(Duration.ofMinutes(minutesAfterProposed));
        return switch (what) {
            case "accept" -> new Answer.Accept(List.of(at));
            case "accept-proposed" -> new Answer.Accept(List.of());
            case "decline" -> new Answer.Decline("Xã đang có lễ hội");
            case "decline-blank" -> new Answer.Decline(" ");
            case "move" -> new Answer.Move(at);
            default -> throw new IllegalArgumentException(what);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2} at +{3}min, {4} min after now → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            NORMAL    | PENDING   | accept          |   15 |   0 | ACCEPTED
            NORMAL    | PENDING   | accept-proposed |    0 |   0 | ACCEPTED
            NORMAL    | PENDING   | accept          | -180 |   0 | refused: not in the future
            NORMAL    | PENDING   | decline         |    0 |   0 | DECLINED
            NORMAL    | PENDING   | decline-blank   |    0 |   0 | refused: say why
            NORMAL    | PENDING   | accept          |   15 |  60 | refused: EXPIRED
            NORMAL    | PENDING   | decline         |    0 |  61 | refused: EXPIRED
            NORMAL    | DECLINED  | accept          |   15 |   0 | refused: DECLINED
            NORMAL    | PENDING   | move            |   10 |   0 | refused: cannot be moved
            PRIORITY  | SCHEDULED | move            |   10 |   0 | SCHEDULED
            PRIORITY  | SCHEDULED | move            |   30 |   0 | SCHEDULED
            PRIORITY  | SCHEDULED | move            |   31 |   0 | refused: outside the window
            PRIORITY  | SCHEDULED | move            |   -1 |   0 | refused: outside the window
            PRIORITY  | SCHEDULED | accept          |   10 |   0 | refused: cannot be accepted
            PRIORITY  | SCHEDULED | decline         |    0 |   0 | refused: cannot be declined
            EMERGENCY | SCHEDULED | move            |   10 |   0 | refused: cannot be moved
            """)
    void answers(Level level, ItemState state, String what, long minutes, long later, String expected) {
        InboxItem item = new InboxItem(7, 1, 3, state, List.of(), null, null, null, null);
        InboxRules.Outcome outcome = InboxRules.answer(dispatch(level), item, answer(what, minutes),
                NOW.plus(Duration.ofMinutes(later)));
        if (expected.startsWith("refused: ")) {
            assertThat(outcome).isInstanceOfSatisfying(InboxRules.Refused.class,
                    r -> assertThat(r.reason()).contains(expected.substring("refused: ".length())));
        } else {
            assertThat(outcome).isInstanceOfSatisfying(InboxRules.Allowed.class,
                    a -> assertThat(a.state()).isEqualTo(ItemState.valueOf(expected)));
        }
    }

    @ParameterizedTest
    @CsvSource({"59, PENDING", "60, EXPIRED", "120, EXPIRED"})
    void aPendingItemExpiresAtTheDeadline(long minutes, ItemState expected) {
        InboxItem item = new InboxItem(7, 1, 3, ItemState.PENDING, List.of(), null, null, null, null);
        assertThat(InboxRules.stateAt(dispatch(Level.NORMAL), item, NOW.plus(Duration.ofMinutes(minutes))))
                .isEqualTo(expected);
    }
}
