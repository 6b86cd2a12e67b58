package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapAreaTest {
    /** A square around Huế city: 16.40–16.50 N, 107.50–107.65 E. */
    static final CapArea.Polygon SQUARE = CapArea.Polygon.parse(
            "16.40,107.50 16.40,107.65 16.50,107.65 16.50,107.50 16.40,107.50");
    /** A concave L: the square minus its north-east quarter. */
    static final CapArea.Polygon L = CapArea.Polygon.parse(
            "16.40,107.50 16.40,107.65 16.45,107.65 16.45,107.575 16.50,107.575 16.50,107.50 16.40,107.50");

    @ParameterizedTest
    @CsvSource({
            "16.45, 107.55, true,  true",
            "16.41, 107.64, true,  true",
            "16.48, 107.62, true,  false",
            "16.39, 107.55, false, false",
            "16.45, 107.70, false, false",
            "16.55, 107.55, false, false"})
    void polygons(double lat, double lon, boolean inSquare, boolean inL) {
        CapArea.Point p = new CapArea.Point(lat, lon);
        assertThat(SQUARE.contains(p)).isEqualTo(inSquare);
        assertThat(L.contains(p)).isEqualTo(inL);
    }

    /** 0.1° of latitude is about 11.1 km; 0.1° of longitude at 16.46° N about 10.66 km. */
    @ParameterizedTest
    @CsvSource({
            "16.4637,107.5909, 16.4637,107.5909, 0,    true",
            "16.4637,107.5909, 16.5537,107.5909, 10.1, true",
            "16.4637,107.5909, 16.5537,107.5909, 9.9,  false",
            "16.4637,107.5909, 16.4637,107.6909, 10.7, true",
            "16.4637,107.5909, 16.4637,107.6909, 10.6, false"})
    void circles(double clat, double clon, double lat, double lon, double radiusKm, boolean inside) {
        CapArea.Circle c = CapArea.Circle.parse(clat + "," + clon + " " + radiusKm);
        assertThat(c.contains(new CapArea.Point(lat, lon))).isEqualTo(inside);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "16.40,107.50 16.40,107.65 16.50,107.65 | at least 4 points",
            "16.40,107.50 16.40,107.65 16.50,107.65 16.50,107.50 | must end at its first point",
            "16.40;107.50 16.40,107.65 16.50,107.65 16.40;107.50 | is 'lat,lon'",
            "91,107.50 16.40,107.65 16.50,107.65 91,107.50 | out of range"})
    void badPolygons(String text, String message) {
        assertThatThrownBy(() -> CapArea.Polygon.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"16.4,107.5 | is 'lat,lon radius'", "16.4,107.5 -1 | zero or positive",
            "16.4,107.5 far | not a number"})
    void badCircles(String text, String message) {
        assertThatThrownBy(() -> CapArea.Circle.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void anAreaIsTheUnionOfItsShapes() {
        CapArea area = new CapArea(List.of(SQUARE), List.of(CapArea.Circle.parse("10.0,106.0 5")));
        assertThat(area.contains(new CapArea.Point(16.45, 107.55))).isTrue();
        assertThat(area.contains(new CapArea.Point(10.01, 106.01))).isTrue();
        assertThat(area.contains(new CapArea.Point(12, 107))).isFalse();
        assertThat(new CapArea(List.of(), List.of()).contains(new CapArea.Point(16.45, 107.55))).isFalse();
    }
}
