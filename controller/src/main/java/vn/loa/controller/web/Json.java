package vn.loa.controller.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** The controller's JSON settings, and small readers that turn bad input into 400s. */
public final class Json {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Json() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    /** An instant as people read it here: {@code 2026-12-01T17:00:00+07:00}. */
    public static String local(Instant t) {
        return t == null ? null : LOCAL.format(t.atZone(VIETNAM));
    }

    public static String utc(Instant t) {
        return t == null ? null : t.toString();
    }

    /** The text of {@code field}, stripped: REQUIRED when missing or blank, TOO_LONG beyond {@code maxLength}. */
    public static String text(JsonNode body, String field, int maxLength, Problems problems) {
        return text(body, field, field, maxLength, problems);
    }

    /** The text of {@code field}, named {@code path} in a problem (a field of a nested object: "source.text"). */
    public static String text(JsonNode body, String field, String path, int maxLength, Problems problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
            problems.add(RejectionCode.REQUIRED, path);
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > maxLength) {
            problems.add(RejectionCode.TOO_LONG, path, maxLength);
            return null;
        }
        return s;
    }

    /** The positive id in {@code field}: REQUIRED when missing, WRONG_TYPE when it is no id. */
    public static Long id(JsonNode body, String field, Problems problems) {
        return id(body, field, field, problems);
    }

    /** The id in {@code field}, named {@code path} in a problem (a field of a nested object). */
    public static Long id(JsonNode body, String field, String path, Problems problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            problems.add(RejectionCode.REQUIRED, path);
            return null;
        }
        long id = v.canConvertToLong() && (v.isIntegralNumber() || v.isTextual())
                ? v.isTextual() ? parseOr(v.asText(), -1) : v.asLong() : -1;
        if (id <= 0) {
            problems.add(RejectionCode.WRONG_TYPE, path, Expected.ID);
            return null;
        }
        return id;
    }

    /** The ids listed in {@code field} (none when it is missing), named {@code path} in a problem. */
    public static List<Long> ids(JsonNode parent, String field, String path, Problems problems) {
        JsonNode v = parent.get(field);
        List<Long> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(RejectionCode.WRONG_TYPE, path, Expected.LIST);
            return out;
        }
        if (v.size() > 10_000) {
            problems.add(RejectionCode.TOO_MANY, path, 10_000);
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isIntegralNumber() && e.asLong() > 0) {
                out.add(e.asLong());
            } else {
                problems.add(RejectionCode.NOT_AN_ID, path + "[" + i + "]", e.isTextual() ? e.asText() : e.toString());
            }
        }
        return out;
    }

    private static long parseOr(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
