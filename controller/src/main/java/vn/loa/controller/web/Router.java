package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Method + path template ({@code /api/v1/stations/{id}}) → endpoint, and whether it needs a session. */
public final class Router {
    public record Route(HttpMethod method, String[] segments, Endpoint endpoint, boolean requiresAuth) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(HttpMethod method, String template, Endpoint endpoint) {
        routes.add(new Route(method, split(template), endpoint, true));
        return this;
    }

    public Router addPublic(HttpMethod method, String template, Endpoint endpoint) {
        routes.add(new Route(method, split(template), endpoint, false));
        return this;
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
