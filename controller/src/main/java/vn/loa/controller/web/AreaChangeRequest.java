package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.change.AreaChange;
import vn.loa.controller.area.change.ChangeKind;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** Reads the body of {@code POST /api/v1/areas/changes} into an {@link AreaChange} (docs/areas.md). */
final class AreaChangeRequest {
    private static final List<String> AREA_KINDS = List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE");

    private AreaChangeRequest() {
    }

    static AreaChange parse(JsonNode body) {
        Problems errors = new Problems();
        String kindText = Json.text(body, "kind", 20, errors);
        LocalDate effective = date(body, "effective", errors);
        errors.throwIfAny();
        ChangeKind kind;
        try {
            kind = ChangeKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectionCode.NOT_ONE_OF.reject("kind", kindText, "CREATE, RENAME, MOVE, MERGE, SPLIT, RETIRE");
        }
        AreaChange change = switch (kind) {
            case RENAME -> new AreaChange.Rename(effective, id(body, "areaId", errors), Json.text(body, "name", 200, errors),
                    optionalText(body, "code"));
            case MOVE -> new AreaChange.Move(effective, id(body, "areaId", errors), id(body, "parentId", errors));
            case RETIRE -> new AreaChange.Retire(effective, id(body, "areaId", errors));
            case MERGE -> new AreaChange.Reorganise(effective, kind, Json.ids(body, "areaIds", "areaIds", errors),
                    List.of(successor(body.path("into"), "into", errors)), AreaChange.Assignment.NONE);
            case SPLIT -> new AreaChange.Reorganise(effective, kind, List.of(id(body, "areaId", errors)),
                    successors(body.path("parts"), errors), assignment(body.path("assign"), errors));
            case CREATE -> new AreaChange.Create(effective, body.hasNonNull("parentId") ? Json.id(body, "parentId", errors) : null,
                    Json.text(body, "name", 200, errors), areaKind(body, errors), optionalText(body, "code"));
        };
        errors.throwIfAny();
        return change;
    }

    /** The {@code areaKind} of a CREATE ({@code kind} names the change). */
    private static AreaKind areaKind(JsonNode body, Problems errors) {
        String text = Json.text(body, "areaKind", 20, errors);
        if (text == null) {
            return null;
        }
        try {
            return AreaKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(RejectionCode.NOT_ONE_OF, "areaKind", text, AREA_KINDS);
            return null;
        }
    }

    private static long id(JsonNode body, String field, Problems errors) {
        return id(body, field, field, errors);
    }

    private static long id(JsonNode body, String field, String path, Problems errors) {
        Long id = Json.id(body, field, path, errors);
        return id == null ? -1 : id;
    }

    private static String optionalText(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText().strip() : null;
    }

    static LocalDate date(JsonNode body, String field, Problems errors) {
        String text = Json.text(body, field, 10, errors);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(RejectionCode.NOT_A_DATE, field, text);
            return null;
        }
    }

    private static List<AreaChange.Successor> successors(JsonNode parts, Problems errors) {
        List<AreaChange.Successor> out = new ArrayList<>();
        if (parts.isMissingNode() || parts.isNull()) {
            errors.add(RejectionCode.REQUIRED, "parts");
            return out;
        }
        if (!parts.isArray()) {
            errors.add(RejectionCode.WRONG_TYPE, "parts", Expected.LIST);
            return out;
        }
        if (parts.isEmpty()) {
            errors.add(RejectionCode.EMPTY_LIST, "parts");
            return out;
        }
        for (int i = 0; i < parts.size(); i++) {
            out.add(successor(parts.get(i), "parts[" + i + "]", errors));
        }
        return out;
    }

    private static AreaChange.Successor successor(JsonNode node, String path, Problems errors) {
        if (!node.isObject()) {
            if (node.isMissingNode() || node.isNull()) {
                errors.add(RejectionCode.REQUIRED, path);
            } else {
                errors.add(RejectionCode.WRONG_TYPE, path, Expected.OBJECT);
            }
            return new AreaChange.Existing(-1);
        }
        if (node.hasNonNull("areaId")) {
            return new AreaChange.Existing(id(node, "areaId", path + ".areaId", errors));
        }
        String name = Json.text(node, "name", path + ".name", 200, errors);
        Long parent = node.hasNonNull("parentId") ? Json.id(node, "parentId", path + ".parentId", errors) : null;
        AreaKind kind = null;
        if (node.hasNonNull("kind")) {
            try {
                kind = AreaKind.valueOf(node.get("kind").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(RejectionCode.NOT_ONE_OF, path + ".kind", node.get("kind").asText(), AREA_KINDS);
            }
        }
        return new AreaChange.NewUnit(name, optionalText(node, "code"), kind, parent);
    }

    private static AreaChange.Assignment assignment(JsonNode node, Problems errors) {
        if (node.isMissingNode() || node.isNull()) {
            return AreaChange.Assignment.NONE;
        }
        return new AreaChange.Assignment(indexes(node, "areas", errors), indexes(node, "stations", errors),
                indexes(node, "zones", errors), indexes(node, "accounts", errors));
    }

    private static Map<Long, Integer> indexes(JsonNode assign, String field, Problems errors) {
        Map<Long, Integer> out = new HashMap<>();
        JsonNode m = assign.path(field);
        if (m.isMissingNode() || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            errors.add(RejectionCode.WRONG_TYPE, "assign." + field, Expected.OBJECT);
            return out;
        }
        m.fields().forEachRemaining(e -> {
            try {
                if (!e.getValue().isIntegralNumber()) {
                    throw new NumberFormatException();
                }
                out.put(Long.parseLong(e.getKey()), e.getValue().asInt());
            } catch (NumberFormatException ex) {
                // an id mapped to a successor's index (0, 1, …)
                errors.add(RejectionCode.WRONG_TYPE, "assign." + field + "." + e.getKey(), Expected.INTEGER);
            }
        });
        return out;
    }

    /** A change in the form of the request that asked for it (what the console shows of a pending change). */
    static Map<String, Object> describe(AreaChange change) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kind", change.kind().name());
        m.put("effective", change.effective().toString());
        switch (change) {
            case AreaChange.Create cr -> {
                m.put("parentId", cr.parentId());
                m.put("name", cr.name());
                m.put("areaKind", cr.areaKind() == null ? null : cr.areaKind().name());
                m.put("code", cr.code());
            }
            case AreaChange.Rename r -> {
                m.put("areaId", r.areaId());
                m.put("name", r.name());
                m.put("code", r.code());
            }
            case AreaChange.Move mv -> {
                m.put("areaId", mv.areaId());
                m.put("parentId", mv.parentId());
            }
            case AreaChange.Retire r -> m.put("areaId", r.areaId());
            case AreaChange.Reorganise r -> {
                List<Map<String, Object>> parts = r.successors().stream().map(AreaChangeRequest::describe).toList();
                if (r.kind() == ChangeKind.MERGE) {
                    m.put("areaIds", r.ended());
                    m.put("into", parts.get(0));
                } else {
                    m.put("areaId", r.ended().get(0));
                    m.put("parts", parts);
                    m.put("assign", Map.of("areas", r.assign().areas(), "stations", r.assign().stations(),
                            "zones", r.assign().zones(), "accounts", r.assign().accounts()));
                }
            }
        }
        return m;
    }

    private static Map<String, Object> describe(AreaChange.Successor s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        switch (s) {
            case AreaChange.Existing e -> m.put("areaId", e.areaId());
            case AreaChange.NewUnit u -> {
                m.put("name", u.name());
                m.put("code", u.code());
                m.put("kind", u.kind() == null ? null : u.kind().name());
                m.put("parentId", u.parentId());
            }
        }
        return m;
    }
}
