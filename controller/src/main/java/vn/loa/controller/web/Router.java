package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Account;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Method + path template ({@code /api/v1/stations/{id}}) → endpoint, and whether it needs a session; and the one
 * scope check of every id in a path (docs/api.md#ids-and-scope). A path parameter that follows a collection
 * named in {@link #COLLECTIONS} ({@code /schedules/{id}}) is an id of that kind: before the endpoint runs, the
 * API handler asks the kind's {@link Visibility} whether the caller may see it, and answers one identical 404
 * for "outside your scope" and "does not exist". Each endpoint class registers the visibility of the kinds it
 * owns; a route naming a kind nobody registered fails {@link #checkComplete()} at start.
 */
public final class Router {
    /** Collection segment → the kind of id that follows it. */
    static final Map<String, ObjectKind> COLLECTIONS = Map.of("stations", ObjectKind.STATION, "zones", ObjectKind.ZONE,
            "areas", ObjectKind.AREA, "bulletins", ObjectKind.BULLETIN, "schedules", ObjectKind.SCHEDULE,
            "announcements", ObjectKind.ANNOUNCEMENT, "relays", ObjectKind.RELAY);

    /** Whether an object of one kind exists and lies inside the caller's scope (reads the database). */
    @FunctionalInterface
    public interface Visibility {
        boolean visible(Account caller, long id);
    }

    /** @param ids the route's path parameters that are ids, and their kinds, in path order */
    public record Route(HttpMethod method, String[] segments, Endpoint endpoint, boolean requiresAuth,
            Map<String, ObjectKind> ids) {
        /** The template, e.g. {@code /api/v1/stations/{id}/health}. */
        public String template() {
            return "/" + String.join("/", segments);
        }
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<ObjectKind, Visibility> visibility = new EnumMap<>(ObjectKind.class);

    public Router add(HttpMethod method, String template, Endpoint endpoint) {
        String[] segments = split(template);
        routes.add(new Route(method, segments, endpoint, true, ids(segments)));
        return this;
    }

    public Router addPublic(HttpMethod method, String template, Endpoint endpoint) {
        String[] segments = split(template);
        if (!ids(segments).isEmpty()) {
            throw new IllegalArgumentException(template + ": a public route cannot take a scoped id");
        }
        routes.add(new Route(method, segments, endpoint, false, Map.of()));
        return this;
    }

    /** Registers how ids of one kind are checked against the caller's scope (one owner per kind). */
    public Router visibility(ObjectKind kind, Visibility check) {
        if (visibility.putIfAbsent(kind, check) != null) {
            throw new IllegalStateException("the visibility of " + kind + " is registered twice");
        }
        return this;
    }

    /** Every route, in registration order (the scope walk test reads this table). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Fails fast when a route takes an id whose kind has no registered visibility. */
    public void checkComplete() {
        for (Route r : routes) {
            for (ObjectKind kind : r.ids().values()) {
                if (!visibility.containsKey(kind)) {
                    throw new IllegalStateException(r.method() + " " + r.template() + " takes a " + kind.english()
                            + " id, but no endpoint registered the visibility of " + kind.english() + "s");
                }
            }
        }
    }

    /**
     * The one scope check: 404 {@link RejectionCode#NOT_FOUND} when the id is not a number, does not exist, or
     * lies outside the caller's scope — the same answer in all three cases.
     */
    public long requireVisible(Account caller, ObjectKind kind, String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw RejectionCode.NOT_FOUND.reject(kind, id);
        }
        Visibility check = visibility.get(kind);
        if (check == null) {
            throw new IllegalStateException("no visibility registered for " + kind);
        }
        if (!check.visible(caller, value)) {
            throw RejectionCode.NOT_FOUND.reject(kind, value);
        }
        return value;
    }

    /** The matching route; {@code null} when no path matches; a route with null endpoint for a wrong method. */
    public Match match(HttpMethod method, String path) {
        String[] parts = split(path);
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> params = matches(r.segments(), parts);
            if (params != null) {
                pathMatched = true;
                if (r.method().equals(method)) {
                    return new Match(r, params);
                }
            }
        }
        return pathMatched ? new Match(null, Map.of()) : null;
    }

    private static Map<String, ObjectKind> ids(String[] segments) {
        Map<String, ObjectKind> ids = new LinkedHashMap<>();
        for (int i = 1; i < segments.length; i++) {
            String t = segments[i];
            ObjectKind kind = COLLECTIONS.get(segments[i - 1]);
            if (kind != null && t.startsWith("{") && t.endsWith("}")) {
                ids.put(t.substring(1, t.length() - 1), kind);
            }
        }
        return Map.copyOf(ids);
    }

    private static Map<String, String> matches(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), parts[i]);
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
