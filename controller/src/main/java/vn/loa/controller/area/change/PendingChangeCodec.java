package vn.loa.controller.area.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.area.AreaKind;

/**
 * An {@link AreaChange} as stored while it waits for its day ({@code pending_area_change.change_json}):
 * written and read back field by field, so the stored form does not follow renamed Java members.
 */
final class PendingChangeCodec {
    private final ObjectMapper json;

    PendingChangeCodec(ObjectMapper json) {
        this.json = json;
    }

    String write(AreaChange change) {
        ObjectNode n = json.createObjectNode();
        n.put("kind", change.kind().name());
        n.put("effective", change.effective().toString());
        switch (change) {
            case AreaChange.Create cr -> n.put("parentId", cr.parentId()).put("name", cr.name())
                    .put("areaKind", cr.areaKind() == null ? null : cr.areaKind().name()).put("code", cr.code());
            case AreaChange.Rename r -> n.put("areaId", r.areaId()).put("name", r.name()).put("code", r.code());
            case AreaChange.Move m -> n.put("areaId", m.areaId()).put("parentId", m.parentId());
            case AreaChange.Retire r -> n.put("areaId", r.areaId());
            case AreaChange.Reorganise r -> {
                ArrayNode ended = n.putArray("ended");
                r.ended().forEach(ended::add);
                ArrayNode successors = n.putArray("successors");
                for (AreaChange.Successor s : r.successors()) {
                    ObjectNode o = successors.addObject();
                    switch (s) {
                        case AreaChange.Existing e -> o.put("areaId", e.areaId());
                        case AreaChange.NewUnit u -> o.put("name", u.name()).put("code", u.code())
                                .put("kind", u.kind() == null ? null : u.kind().name()).put("parentId", u.parentId());
                    }
                }
                ObjectNode assign = n.putObject("assign");
                indexes(assign.putObject("areas"), r.assign().areas());
                indexes(assign.putObject("stations"), r.assign().stations());
                indexes(assign.putObject("zones"), r.assign().zones());
                indexes(assign.putObject("accounts"), r.assign().accounts());
            }
        }
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an area change could not be written", e);
        }
    }

    AreaChange read(long id, String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pending area change " + id + " is unreadable", e);
        }
        ChangeKind kind = ChangeKind.valueOf(n.path("kind").asText());
        LocalDate effective = LocalDate.parse(n.path("effective").asText());
        return switch (kind) {
            case RENAME -> new AreaChange.Rename(effective, n.path("areaId").asLong(), text(n, "name"), text(n, "code"));
            case MOVE -> new AreaChange.Move(effective, n.path("areaId").asLong(), n.path("parentId").asLong());
            case RETIRE -> new AreaChange.Retire(effective, n.path("areaId").asLong());
            case MERGE, SPLIT -> {
                List<Long> ended = new ArrayList<>();
                n.path("ended").forEach(e -> ended.add(e.asLong()));
                List<AreaChange.Successor> successors = new ArrayList<>();
                for (JsonNode s : n.path("successors")) {
                    successors.add(s.hasNonNull("areaId") ? new AreaChange.Existing(s.get("areaId").asLong())
                            : new AreaChange.NewUnit(text(s, "name"), text(s, "code"),
                                    s.hasNonNull("kind") ? AreaKind.valueOf(s.get("kind").asText()) : null,
                                    s.hasNonNull("parentId") ? s.get("parentId").asLong() : null));
                }
                JsonNode a = n.path("assign");
                yield new AreaChange.Reorganise(effective, kind, ended, successors, new AreaChange.Assignment(
                        indexes(a.path("areas")), indexes(a.path("stations")), indexes(a.path("zones")),
                        indexes(a.path("accounts"))));
            }
            case CREATE -> new AreaChange.Create(effective, n.hasNonNull("parentId") ? n.get("parentId").asLong() : null,
                    text(n, "name"), n.hasNonNull("areaKind") ? AreaKind.valueOf(n.get("areaKind").asText()) : null,
                    text(n, "code"));
        };
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static void indexes(ObjectNode out, Map<Long, Integer> m) {
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }

    private static Map<Long, Integer> indexes(JsonNode n) {
        Map<Long, Integer> out = new HashMap<>();
        n.fields().forEachRemaining(e -> out.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
        return out;
    }
}
