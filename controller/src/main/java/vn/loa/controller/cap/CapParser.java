package vn.loa.controller.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a CAP 1.2 alert: parses the XML securely (no DTD, no external entity or schema is ever fetched),
 * validates it against the OASIS schema ({@code CAP-v1.2.xsd}, vendored) with the JDK's
 * {@code javax.xml.validation}, checks its XML signature under the {@link CapSignatures} policy, then maps it to a
 * {@link CapAlert}. Thread-safe: the compiled schema is shared, a
 * parser and a validator are made per call.
 */
public final class CapParser {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** Alerts are small; anything bigger is refused before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;

    private final Schema schema;
    private final CapSignatures signatures;

    /** Unsigned alerts accepted; a signed one is verified, and with no trusted certificate it cannot verify. */
    public CapParser() {
        this(CapSignatures.unsignedAccepted(List.of()));
    }

    /** With this signature policy (docs/security.md#cap-alert-signatures). */
    public CapParser(CapSignatures signatures) {
        this.signatures = signatures;
        URL xsd = CapParser.class.getResource("CAP-v1.2.xsd");
        if (xsd == null) {
            throw new IllegalStateException("CAP-v1.2.xsd is missing from the controller's classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            this.schema = factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("the vendored CAP schema does not compile: " + e.getMessage(), e);
        }
    }

    /** The alert, or {@link CapRejected} with the parser's or the validator's message. */
    public CapAlert parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw new CapRejected("the CAP alert is larger than " + MAX_BYTES + " bytes");
        }
        Document doc = read(xml);
        Element root = doc.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"alert".equals(root.getLocalName())) {
            throw new CapRejected("not a CAP 1.2 alert: the root element is {" + root.getNamespaceURI() + "}"
                    + root.getLocalName() + ", expected {" + NAMESPACE + "}alert");
        }
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(doc));
        } catch (SAXParseException e) {
            throw new CapRejected("the CAP alert is not valid against the CAP 1.2 schema: " + e.getMessage());
        } catch (SAXException e) {
            throw new CapRejected("the CAP alert is not valid against the CAP 1.2 schema: " + e.getMessage());
        } catch (IOException e) {
            throw new CapRejected("cannot read the CAP alert: " + e.getMessage());
        }
        signatures.check(doc);
        return map(root);
    }

    private static Document read(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature: " + e.getMessage(), e);
        } catch (SAXParseException e) {
            throw new CapRejected("the CAP alert is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new CapRejected("the CAP alert is not well-formed XML: " + e.getMessage());
        }
    }

    private static CapAlert map(Element alert) {
        List<CapAlert.Info> infos = new ArrayList<>();
        for (Element info : children(alert, "info")) {
            List<CapAlert.Resource> resources = new ArrayList<>();
            for (Element r : children(info, "resource")) {
                resources.add(new CapAlert.Resource(text(r, "resourceDesc"), text(r, "mimeType"), uri(text(r, "uri")),
                        text(r, "digest")));
            }
            List<CapAlert.Area> areas = new ArrayList<>();
            for (Element a : children(info, "area")) {
                areas.add(area(a));
            }
            String language = text(info, "language");
            infos.add(new CapAlert.Info(language == null ? "en-US" : language, text(info, "event"),
                    text(info, "urgency"), text(info, "severity"), text(info, "certainty"), instant(text(info, "expires")),
                    text(info, "headline"), text(info, "description"), text(info, "instruction"), resources, areas));
        }
        return new CapAlert(text(alert, "identifier"), text(alert, "sender"), instant(text(alert, "sent")),
                CapAlert.Status.valueOf(text(alert, "status")), CapAlert.MsgType.valueOf(text(alert, "msgType")),
                text(alert, "references"), infos);
    }

    private static CapAlert.Area area(Element a) {
        List<CapArea.Polygon> polygons = new ArrayList<>();
        List<CapArea.Circle> circles = new ArrayList<>();
        try {
            for (Element p : children(a, "polygon")) {
                polygons.add(CapArea.Polygon.parse(p.getTextContent()));
            }
            for (Element c : children(a, "circle")) {
                circles.add(CapArea.Circle.parse(c.getTextContent()));
            }
        } catch (IllegalArgumentException e) {
            throw new CapRejected("area '" + text(a, "areaDesc") + "': " + e.getMessage());
        }
        List<CapAlert.Geocode> geocodes = new ArrayList<>();
        for (Element g : children(a, "geocode")) {
            geocodes.add(new CapAlert.Geocode(text(g, "valueName"), text(g, "value")));
        }
        return new CapAlert.Area(text(a, "areaDesc"), new CapArea(polygons, circles), geocodes);
    }

    private static java.net.URI uri(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new java.net.URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new CapRejected("a resource's uri is not a URI: " + e.getMessage());
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : OffsetDateTime.parse(s).toInstant();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NAMESPACE.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst().getTextContent().strip();
    }
}
