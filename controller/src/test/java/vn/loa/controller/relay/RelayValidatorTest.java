package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Targets;

/** Each problem of a draft relay: the field, its code and its parameters. */
class RelayValidatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final Targets STATION_1 = new Targets(List.of(1L), List.of(), List.of());

    private final RelayValidator validator = new RelayValidator(
            t -> t.stationIds().contains(999L)
                    ? List.of(RejectionCode.DOES_NOT_EXIST.problem("targets.stationIds", ObjectKind.STATION, 999L))
                    : List.of(),
            OutboundPolicy.allowing(List.of("127.0.0.1")), id -> id == 5);

    private static RelayDraft good() {
        return new RelayDraft("Tiếp sóng VOV1", "http://127.0.0.1:8000/vov1", STATION_1,
                List.of(new RelayDraft.Window("06:00", "06:30")), null, "2026-12-08", null, 5L);
    }

    private static RelayDraft with(UnaryOperator<List<Object>> change) {
        RelayDraft g = good();
        List<Object> f = new java.util.ArrayList<>(java.util.Arrays.asList(g.title(), g.url(), g.targets(), g.windows(),
                g.days(), g.from(), g.until(), g.fallbackBulletinId()));
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        RelayDraft d = new RelayDraft((String) f.get(0), (String) f.get(1), (Targets) f.get(2),
                (List<RelayDraft.Window>) f.get(3), (List<String>) f.get(4), (String) f.get(5), (String) f.get(6),
                (Long) f.get(7));
        return d;
    }

    private static UnaryOperator<List<Object>> set(int index, Object value) {
        return f -> {
            f.set(index, value);
            return f;
        };
    }

    private static List<RelayDraft.Window> windows(String... startEnd) {
        List<RelayDraft.Window> out = new java.util.ArrayList<>();
        for (int i = 0; i < startEnd.length; i += 2) {
            out.add(new RelayDraft.Window(startEnd[i], startEnd[i + 1]));
        }
        return out;
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("no title", set(0, " "), RejectionCode.REQUIRED, Map.of("field", "title")),
                Arguments.of("long title", set(0, "x".repeat(301)), RejectionCode.TOO_LONG,
                        Map.of("field", "title", "max", 300)),
                Arguments.of("no url", set(1, null), RejectionCode.REQUIRED, Map.of("field", "url")),
                Arguments.of("ftp url", set(1, "ftp://vov.vn/live"), RejectionCode.URL_SCHEME,
                        Map.of("field", "url", "value", "ftp://vov.vn/live")),
                Arguments.of("no targets", set(2, null), RejectionCode.REQUIRED, Map.of("field", "targets")),
                Arguments.of("unknown station", set(2, new Targets(List.of(999L), List.of(), List.of())),
                        RejectionCode.DOES_NOT_EXIST, Map.of("field", "targets.stationIds", "kind", "STATION", "id", 999L)),
                Arguments.of("no windows", set(3, List.of()), RejectionCode.EMPTY_LIST, Map.of("field", "windows")),
                Arguments.of("too many windows", set(3, java.util.Collections.nCopies(25, new RelayDraft.Window("06:00",
                        "06:30"))), RejectionCode.TOO_MANY, Map.of("field", "windows", "max", 24)),
                Arguments.of("start not a time", set(3, windows("7h", "08:00")), RejectionCode.NOT_A_TIME,
                        Map.of("field", "windows[0].start", "value", "7h")),
                Arguments.of("end not a time", set(3, windows("07:00", "25:00")), RejectionCode.NOT_A_TIME,
                        Map.of("field", "windows[0].end", "value", "25:00")),
                Arguments.of("backwards window", set(3, windows("06:30", "06:00")), RejectionCode.WINDOW_BACKWARDS,
                        Map.of("field", "windows[0]", "end", "06:00", "start", "06:30")),
                Arguments.of("overlapping windows", set(3, windows("05:00", "07:00", "05:30", "06:15")),
                        RejectionCode.WINDOWS_OVERLAP,
                        Map.of("field", "windows[1]", "window", "05:30–06:15", "other", "05:00–07:00")),
                Arguments.of("no days", set(4, List.of()), RejectionCode.EMPTY_LIST, Map.of("field", "days")),
                Arguments.of("unknown day", set(4, List.of("LUNDI")), RejectionCode.NOT_ONE_OF, Map.of("field", "days",
                        "value", "LUNDI", "allowed", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))),
                Arguments.of("no from", set(5, null), RejectionCode.REQUIRED, Map.of("field", "from")),
                Arguments.of("from not a date", set(5, "2026-13-01"), RejectionCode.NOT_A_DATE,
                        Map.of("field", "from", "value", "2026-13-01")),
                Arguments.of("until before from", set(6, "2026-12-07"), RejectionCode.BEFORE,
                        Map.of("field", "until", "value", "2026-12-07", "other", "from", "otherValue", "2026-12-08")),
                Arguments.of("until in the past", (UnaryOperator<List<Object>>) f -> {
                    f.set(5, "2026-12-01");
                    f.set(6, "2026-12-06");
                    return f;
                }, RejectionCode.IN_THE_PAST, Map.of("field", "until", "value", "2026-12-06")),
                Arguments.of("unknown fallback", set(7, 6L), RejectionCode.DOES_NOT_EXIST,
                        Map.of("field", "fallbackBulletinId", "kind", "BULLETIN", "id", 6L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void eachProblemHasItsCodeAndParameters(String name, UnaryOperator<List<Object>> change, RejectionCode code,
            Map<String, Object> params) {
        RelayValidator.Result result = validator.check(with(change), TODAY);

        assertThat(result.valid()).isEmpty();
        assertThat(result.problems()).extracting(Problem::code).containsExactly(code);
        assertThat(result.problems().get(0).jsonParams()).isEqualTo(params);
    }

    @Test
    void aGoodDraftIsValid() {
        RelayValidator.Result result = validator.check(good(), TODAY);

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).get().extracting(RelayValidator.Valid::fallbackBulletinId).isEqualTo(5L);
    }

    @Test
    void everyProblemIsReportedTogether() {
        RelayValidator.Result result = validator.check(new RelayDraft(null, null, null, List.of(), List.of("X"),
                "x", null, null), TODAY);

        assertThat(result.problems()).extracting(Problem::code).containsExactly(RejectionCode.REQUIRED,
                RejectionCode.REQUIRED, RejectionCode.REQUIRED, RejectionCode.EMPTY_LIST, RejectionCode.NOT_ONE_OF,
                RejectionCode.NOT_A_DATE);
    }
}
