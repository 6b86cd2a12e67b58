package vn.loa.controller.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.support.ApiClient;

/** What the controller sent down, read through {@code GET /api/v1/dispatches}, for the inbound tests. */
final class Dispatches {
    private Dispatches() {
    }

    /** The bulletin of every dispatch, in the API's order. */
    static List<Long> bulletins(ApiClient api) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode d : api.get("/api/v1/dispatches").json()) {
            ids.add(d.get("bulletinId").asLong());
        }
        return ids;
    }

    /** The id of the dispatch that sent {@code bulletinId}. */
    static long idOf(ApiClient api, long bulletinId) {
        for (JsonNode d : api.get("/api/v1/dispatches").json()) {
            if (d.get("bulletinId").asLong() == bulletinId) {
                return d.get("id").asLong();
            }
        }
        throw new AssertionError("no dispatch of bulletin " + bulletinId);
    }
}
