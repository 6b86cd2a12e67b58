package vn.loa.controller.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/** An inbound bulletin's JSON, checked field by field; every problem reported at once (pure). */
public final class InboundParser {
    static final Set<String> FIELDS = Set.of("ref", "level", "title", "gsoCodes", "text", "bulletinId", "audioUrl",
            "language", "proposedAt", "respondBy", "windowMinutes");
    static final int MAX_CODES = 1000;

    private InboundParser() {
    }

    public static InboundBulletin parse(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(RejectionCode.UNKNOWN_FIELD.problem(name, String.join(", ", new java.util.TreeSet<>(FIELDS))));
            }
        }
        String ref = text(body, "ref", 200, true, problems);
        String title = text(body, "title", 300, true, problems);
        String levelText = text(body, "level", 20, true, problems);
        Level level = null;
        if (levelText != null) {
            try {
                level = Level.valueOf(levelText);
            } catch (IllegalArgumentException e) {
                problems.add(RejectionCode.NOT_ONE_OF.problem("level", levelText, "NORMAL, PRIORITY, EMERGENCY"));
            }
        }
        List<String> codes = new ArrayList<>();
        JsonNode c = body.get("gsoCodes");
        if (c == null || c.isNull()) {
            problems.add(RejectionCode.REQUIRED.problem("gsoCodes"));
        } else if (!c.isArray()) {
            problems.add(RejectionCode.WRONG_TYPE.problem("gsoCodes", Expected.LIST));
        } else if (c.isEmpty()) {
            problems.add(RejectionCode.EMPTY_LIST.problem("gsoCodes"));
        } else if (c.size() > MAX_CODES) {
            problems.add(RejectionCode.TOO_MANY.problem("gsoCodes", MAX_CODES));
        } else {
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual() || c.get(i).asText().isBlank()) {
                    problems.add(RejectionCode.WRONG_TYPE.problem("gsoCodes[" + i + "]", Expected.TEXT));
                } else {
                    codes.add(c.get(i).asText().strip());
                }
            }
        }
        String text = text(body, "text", 5000, false, problems);
        String audioUrl = text(body, "audioUrl", 2000, false, problems);
        Long bulletinId = null;
        if (body.hasNonNull("bulletinId")) {
            JsonNode v = body.get("bulletinId");
            if (!v.isIntegralNumber() || v.asLong() <= 0) {
                problems.add(RejectionCode.WRONG_TYPE.problem("bulletinId", Expected.ID));
            } else {
                bulletinId = v.asLong();
            }
        }
        if (bulletinId != null && audioUrl != null) {
            problems.add(RejectionCode.EITHER_NOT_BOTH.problem("bulletinId", "audioUrl"));
        }
        if (bulletinId == null && audioUrl == null && (text == null || level != Level.EMERGENCY)) {
            // text alone is spoken only for an emergency; a bulletin for the inbox needs its audio
            problems.add(RejectionCode.REQUIRED.problem(level == Level.EMERGENCY ? "text, bulletinId or audioUrl"
                    : "bulletinId or audioUrl"));
        }
        String language = text(body, "language", 10, false, problems);
        Instant proposedAt = instant(body, "proposedAt", problems);
        Instant respondBy = instant(body, "respondBy", problems);
        Duration window = null;
        if (body.hasNonNull("windowMinutes")) {
            JsonNode w = body.get("windowMinutes");
            if (!w.isIntegralNumber() || w.asLong() < 0 || w.asLong() > 10_080) {
                problems.add(RejectionCode.OUT_OF_RANGE.problem("windowMinutes", 0, 10_080));
            } else {
                window = Duration.ofMinutes(w.asLong());
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        return new InboundBulletin(ref, level, title, List.copyOf(codes), text, bulletinId, audioUrl,
                language == null ? "vi" : language, proposedAt, respondBy, window);
    }

    private static String text(JsonNode body, String field, int max, boolean required, List<Problem> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            if (required) {
                problems.add(RejectionCode.REQUIRED.problem(field));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(RejectionCode.WRONG_TYPE.problem(field, Expected.TEXT));
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > max) {
            problems.add(RejectionCode.TOO_LONG.problem(field, max));
            return null;
        }
        return s;
    }

    private static Instant instant(JsonNode body, String field, List<Problem> problems) {
        String s = text(body, field, 40, false, problems);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(RejectionCode.NOT_A_DATE_TIME.problem(field, s));
            return null;
        }
    }
}
