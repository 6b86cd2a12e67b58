package vn.loa.controller.rejection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reason a request is refused: a {@link RejectionCode} and its parameters' values by name, in the code's
 * order. Sent as {@code {"code": …, "params": {…}}}; a {@link Phrase} parameter is sent as its stable name.
 */
public record Problem(RejectionCode code, Map<String, Object> params) {
    public Problem {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The problem with the code's parameters given in order; fails fast when their number differs. */
    static Problem of(RejectionCode code, Object... values) {
        if (values.length != code.params().size()) {
            throw new IllegalArgumentException(code + " takes " + code.params() + ", given " + values.length
                    + " values");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            params.put(code.params().get(i), values[i]);
        }
        return new Problem(code, params);
    }

    /** The English text: the code's template with each parameter written in. */
    public String english() {
        String text = code.template();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            text = text.replace("{" + p.getKey() + "}", english(p.getValue()));
        }
        return text;
    }

    /** The parameters as sent in JSON: phrases by their stable name, lists element by element. */
    public Map<String, Object> jsonParams() {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, json(v)));
        return out;
    }

    private static Object json(Object v) {
        if (v instanceof Phrase p) {
            return p.name();
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(Problem::json).toList();
        }
        if (v instanceof Number || v instanceof Boolean || v == null) {
            return v;
        }
        return v.toString();
    }

    private static String english(Object v) {
        if (v instanceof Phrase p) {
            return p.english();
        }
        if (v instanceof java.util.Collection<?> c) {
            return String.join(", ", c.stream().map(Problem::english).toList());
        }
        return String.valueOf(v);
    }
}
