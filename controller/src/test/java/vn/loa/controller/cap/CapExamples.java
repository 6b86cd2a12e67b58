package vn.loa.controller.cap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The specification's four examples with their areas adapted to the demo province (Lạng Sơn, GSO 20; the city,
 * district-level code 178) and, where they have one, their expiry moved to an hour after {@code now}. Nothing else
 * of them changes. Also the demo-like stations they are aimed at.
 */
final class CapExamples {
    /** Two stations in the city (district 178), one in Chi Lăng (district 186), one with no coordinates. */
    static final List<CapTargeting.StationPlace> STATIONS = List.of(
            new CapTargeting.StationPlace(1, 1781, 21.8537, 106.7615),
            new CapTargeting.StationPlace(2, 1782, 21.8700, 106.7300),
            new CapTargeting.StationPlace(3, 1861, 21.6500, 106.6200),
            new CapTargeting.StationPlace(4, 1862, null, null));
    /** GSO codes of the demo tree: the province 20 holds everything, district 178 its two communes, 186 its two. */
    static final Map<String, Set<Long>> TREE = Map.of("20", Set.of(20L, 178L, 186L, 1781L, 1782L, 1861L, 1862L),
            "178", Set.of(178L, 1781L, 1782L), "186", Set.of(186L, 1861L, 1862L));
    static final GsoAreas GSO = (code, at) -> TREE.getOrDefault(code, Set.of());

    private CapExamples() {
    }

    static String original(int n) {
        return new String(CapParserTest.example(n), StandardCharsets.UTF_8);
    }

    /** A.1 Homeland Security: its area (no shape) names the whole province by GSO code. */
    static byte[] a1() {
        return original(1).replace("<areaDesc>U.S. nationwide and interests worldwide</areaDesc>",
                "<areaDesc>Tỉnh Lạng Sơn</areaDesc><geocode><valueName>GSO</valueName><value>20</value></geocode>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A.2 Thunderstorm: its polygon drawn around the city (stations 1 and 2), expiry an hour from now. */
    static byte[] a2(Instant now) {
        return original(2).replace("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14",
                "21.80,106.70 21.80,106.80 21.90,106.80 21.90,106.70 21.80,106.70")
                .replace("<expires>2003-06-17T16:00:00-07:00</expires>", "<expires>" + cap(now.plus(1, ChronoUnit.HOURS))
                        + "</expires>").getBytes(StandardCharsets.UTF_8);
    }

    /** A.3 Earthquake (an Update): its circle centred on station 3, radius 5 km instead of 0. */
    static byte[] a3() {
        return original(3).replace("<circle>32.9525,-115.5527 0</circle>", "<circle>21.65,106.62 5</circle>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A.4 AMBER alert: Los Angeles County (SAME 006037) becomes district 186 (GSO 186) in both languages. */
    static byte[] a4() {
        return original(4).replace("<valueName>SAME</valueName>\n                <value>006037</value>",
                "<valueName>GSO</valueName>\n                <value>186</value>").getBytes(StandardCharsets.UTF_8);
    }

    /** CAP's dateTime form: seconds and a numeric offset, never Z. */
    static String cap(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").format(t.atOffset(ZoneOffset.ofHours(7))
                .truncatedTo(ChronoUnit.SECONDS));
    }
}
