package vn.loa.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control pipe between the harness and a load worker: one JSON object per line,
 * {@code {"type": "...", "body": {...}}}, over the worker's stdin (requests) and stdout (replies). Every
 * request gets exactly one reply, of the same type or {@code error} with a message. Thread-safe.
 */
public final class ControlCodec {
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** One decoded line. */
    public record Message(String type, JsonNode body) {
    }

    /** One line (no line break inside: JSON escapes them in strings). */
    public String encode(String type, Object body) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a control message needs a type");
        }
        ObjectNode n = json.createObjectNode();
        n.put("type", type);
        n.set("body", body == null ? json.createObjectNode() : json.valueToTree(body));
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a " + type + " control message: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException for anything but a JSON object with a string "type" (the line is quoted) */
    public Message decode(String line) {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON control line: " + clip(line) + " (" + e.getOriginalMessage() + ")", e);
        }
        if (n == null || !n.isObject() || !n.path("type").isTextual() || n.path("type").asText().isBlank()) {
            throw new IllegalArgumentException("a control line must be a JSON object with a \"type\": " + clip(line));
        }
        JsonNode body = n.get("body");
        if (body != null && !body.isObject()) {
            throw new IllegalArgumentException("the \"body\" of a control line must be an object: " + clip(line));
        }
        return new Message(n.get("type").asText(), body == null ? json.createObjectNode() : body);
    }

    /** The body as a record of the given type. */
    public <T> T body(Message m, Class<T> type) {
        try {
            return json.treeToValue(m.body(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("bad \"" + m.type() + "\" body for " + type.getSimpleName() + ": " + why, e);
        }
    }

    private static String clip(String line) {
        if (line == null) {
            return "(none)";
        }
        return line.length() <= 200 ? "'" + line + "'" : "'" + line.substring(0, 200) + "…' (" + line.length() + " chars)";
    }
}
