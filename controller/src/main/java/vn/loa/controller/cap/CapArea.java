package vn.loa.controller.cap;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a CAP {@code <area>} (OASIS CAP 1.2 §3.3.2.5): polygons and circles in WGS 84 degrees, pure.
 * A point is inside the area when it is inside any of its shapes.
 */
public record CapArea(List<Polygon> polygons, List<Circle> circles) {

    /** Mean Earth radius used for circle distances (km). */
    static final double EARTH_RADIUS_KM = 6371.0088;

    public CapArea {
        polygons = List.copyOf(polygons);
        circles = List.copyOf(circles);
    }

    /** A latitude/longitude pair in decimal degrees. */
    public record Point(double lat, double lon) {
        public Point {
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("coordinates out of range: " + lat + "," + lon);
            }
        }
    }

    /** A closed ring: the first and last points are the same, at least four points. */
    public record Polygon(List<Point> ring) {
        public Polygon {
            ring = List.copyOf(ring);
            if (ring.size() < 4) {
                throw new IllegalArgumentException("a CAP polygon needs at least 4 points, got " + ring.size());
            }
            if (!ring.getFirst().equals(ring.getLast())) {
                throw new IllegalArgumentException("a CAP polygon must end at its first point");
            }
        }

        /** CAP text: {@code "lat,lon lat,lon …"}. */
        public static Polygon parse(String text) {
            List<Point> points = new ArrayList<>();
            for (String pair : text.trim().split("\\s+")) {
                points.add(point(pair, "polygon"));
            }
            return new Polygon(points);
        }

        /** Even–odd ray casting in the latitude/longitude plane (areas of a province: no pole, no antimeridian). */
        public boolean contains(Point p) {
            boolean inside = false;
            for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                Point a = ring.get(i);
                Point b = ring.get(j);
                if ((a.lat() > p.lat()) != (b.lat() > p.lat())
                        && p.lon() < (b.lon() - a.lon()) * (p.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** A centre and a radius in kilometres. */
    public record Circle(Point centre, double radiusKm) {
        public Circle {
            if (!(radiusKm >= 0)) {
                throw new IllegalArgumentException("a CAP circle's radius must be zero or positive, got " + radiusKm);
            }
        }

        /** CAP text: {@code "lat,lon radius"} (radius in km). */
        public static Circle parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a CAP circle is 'lat,lon radius', got '" + text.trim() + "'");
            }
            try {
                return new Circle(point(parts[0], "circle"), Double.parseDouble(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a CAP circle's radius is not a number: '" + parts[1] + "'", e);
            }
        }

        /** Great-circle (haversine) distance from the centre at most the radius. */
        public boolean contains(Point p) {
            double dLat = Math.toRadians(p.lat() - centre.lat());
            double dLon = Math.toRadians(p.lon() - centre.lon());
            double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(centre.lat()))
                    * Math.cos(Math.toRadians(p.lat())) * Math.pow(Math.sin(dLon / 2), 2);
            return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) <= radiusKm;
        }
    }

    public boolean contains(Point p) {
        return polygons.stream().anyMatch(s -> s.contains(p)) || circles.stream().anyMatch(c -> c.contains(p));
    }

    private static Point point(String pair, String shape) {
        String[] ll = pair.split(",");
        if (ll.length != 2) {
            throw new IllegalArgumentException("a CAP " + shape + " point is 'lat,lon', got '" + pair + "'");
        }
        try {
            return new Point(Double.parseDouble(ll[0]), Double.parseDouble(ll[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a CAP " + shape + " point is not numeric: '" + pair + "'", e);
        }
    }
}
