package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The OASIS CAP 1.2 examples (test resources cap/, verbatim) and what must be refused. */
class CapParserTest {
    private final CapParser parser = new CapParser();

    static byte[] example(int n) {
        try (InputStream in = CapParserTest.class.getResourceAsStream("/cap/v1dot2_appendix_adot" + n + ".xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSpecificationsExamplesAreValidAndParsed() {
        CapAlert a1 = parser.parse(example(1));
        assertThat(a1.identifier()).isEqualTo("43b080713727");
        assertThat(a1.msgType()).isEqualTo(CapAlert.MsgType.Alert);
        assertThat(a1.infos()).singleElement().satisfies(i -> {
            assertThat(i.language()).isEqualTo("en-US");
            assertThat(i.severity()).isEqualTo("Severe");
            assertThat(i.resources()).singleElement().satisfies(r -> assertThat(r.isAudio()).isFalse());
        });

        CapAlert a2 = parser.parse(example(2));
        assertThat(a2.expires()).contains(Instant.parse("2003-06-17T23:00:00Z"));
        CapAlert.Area area = a2.infos().getFirst().areas().getFirst();
        assertThat(area.shapes().polygons()).singleElement().satisfies(p -> assertThat(p.ring()).hasSize(5));
        assertThat(area.geocodes()).extracting(CapAlert.Geocode::value).containsExactly("006109", "006009", "006003");

        CapAlert a3 = parser.parse(example(3));
        assertThat(a3.msgType()).isEqualTo(CapAlert.MsgType.Update);
        assertThat(a3.referencedIdentifiers()).containsExactly("TRI13970876.1");
        assertThat(a3.infos().getFirst().areas().getFirst().shapes().circles()).singleElement()
                .satisfies(c -> assertThat(c.radiusKm()).isZero());

        CapAlert a4 = parser.parse(example(4));
        assertThat(a4.infos()).extracting(CapAlert.Info::language).containsExactly("en-US", "es-US");
        assertThat(a4.infos().get(1).event()).isEqualTo("Abducción de Niño");
    }

    @Test
    void aSchemaInvalidAlertIsRefusedWithTheValidatorsMessage() {
        String bad = new String(example(1), StandardCharsets.UTF_8).replace("<status>Actual</status>",
                "<status>Real</status>");
        assertThatThrownBy(() -> parser.parse(bad.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapRejected.class)
                .hasMessageStartingWith("the CAP alert is not valid against the CAP 1.2 schema: ")
                .hasMessageContaining("Real");
        String missing = new String(example(1), StandardCharsets.UTF_8).replace("<scope>Public</scope>", "");
        assertThatThrownBy(() -> parser.parse(missing.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapRejected.class)
                .hasMessageContaining("scope");
    }

    @Test
    void malformedXmlAndOtherDocumentsAreRefused() {
        assertThatThrownBy(() -> parser.parse("<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'>".getBytes()))
                .isInstanceOf(CapRejected.class).hasMessageStartingWith("the CAP alert is not well-formed XML");
        assertThatThrownBy(() -> parser.parse("<alert xmlns='urn:oasis:names:tc:emergency:cap:1.1'/>".getBytes()))
                .isInstanceOf(CapRejected.class).hasMessageContaining("expected {urn:oasis:names:tc:emergency:cap:1.2}alert");
    }

    @Test
    void doctypesAndExternalEntitiesAreNeverProcessed() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>
                """;
        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapRejected.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aBadPolygonIsRefusedNamingItsArea() {
        String bad = new String(example(2), StandardCharsets.UTF_8).replace(
                "38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14", "38.47,-120.14 38.34,-119.95");
        assertThatThrownBy(() -> parser.parse(bad.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapRejected.class)
                .hasMessageContaining("at least 4 points");
    }
}
