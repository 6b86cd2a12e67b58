package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * CAP alerts with an enveloped XML-DSig signature (CAP 1.2 §3.3.2.1), signed here with the JDK's javax.xml.crypto by
 * a certificate made for the test: a signature by a trusted certificate (or one it issued) verifies; a tampered
 * alert, an untrusted signer, and an unsigned alert where signatures are required are refused with a clear error;
 * unsigned alerts pass only when the policy accepts them.
 */
class CapSignaturesTest {
    record Signer(KeyPair keys, X509Certificate cert) {
    }

    static final Signer CENTRE = selfSigned("CN=Trung tâm Dự báo KTTV Quốc gia");
    static final Signer STRANGER = selfSigned("CN=Someone else");
    static final Signer ISSUED = issuedBy(CENTRE, "CN=Đài KTTV khu vực Việt Bắc");

    static Signer selfSigned(String subject) {
        try {
            KeyPair keys = rsa();
            return new Signer(keys, certificate(subject, keys, subject, keys));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Signer issuedBy(Signer issuer, String subject) {
        try {
            KeyPair keys = rsa();
            return new Signer(keys, certificate(subject, keys, issuer.cert().getSubjectX500Principal().getName(),
                    issuer.keys()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static X509Certificate certificate(String subject, KeyPair keys, String issuer, KeyPair issuerKeys) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject),
                keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    /** The alert with an enveloped signature appended to {@code <alert>}, as bytes. */
    static byte[] sign(byte[] alert, Signer by) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(alert));
        XMLSignatureFactory xml = XMLSignatureFactory.getInstance("DOM");
        Reference ref = xml.newReference("", xml.newDigestMethod(DigestMethod.SHA256, null),
                List.of(xml.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
        SignedInfo info = xml.newSignedInfo(xml.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE,
                (C14NMethodParameterSpec) null), xml.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                null), List.of(ref));
        KeyInfoFactory kif = xml.getKeyInfoFactory();
        KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(by.cert()))));
        xml.newXMLSignature(info, keyInfo).sign(new DOMSignContext(by.keys().getPrivate(), doc.getDocumentElement()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }

    static CapParser requiring(X509Certificate... trusted) {
        return new CapParser(CapSignatures.required(List.of(trusted)));
    }

    @Test
    void anAlertSignedByATrustedCertificateOrOneItIssuedIsTaken() throws Exception {
        assertThat(requiring(CENTRE.cert()).parse(sign(CapExamples.a1(), CENTRE)).identifier()).isEqualTo("43b080713727");
        assertThat(requiring(CENTRE.cert()).parse(sign(CapExamples.a1(), ISSUED)).identifier()).isEqualTo("43b080713727");
        // a signed alert also passes where unsigned ones are accepted: the signature is still checked there
        assertThat(new CapParser(CapSignatures.unsignedAccepted(List.of(CENTRE.cert())))
                .parse(sign(CapExamples.a1(), CENTRE)).identifier()).isEqualTo("43b080713727");
    }

    @Test
    void aTamperedAlertIsRefusedWithAClearError() throws Exception {
        String signed = new String(sign(CapExamples.a1(), CENTRE), StandardCharsets.UTF_8);
        String tampered = signed.replace("<severity>Severe</severity>", "<severity>Minor</severity>");
        assertThat(tampered).isNotEqualTo(signed);
        assertThatThrownBy(() -> requiring(CENTRE.cert()).parse(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CapRejected.class)
                .hasMessage("the CAP alert's XML signature does not verify: the signed content was changed after"
                        + " signing (digest mismatch)");
        assertThatThrownBy(() -> new CapParser(CapSignatures.unsignedAccepted(List.of(CENTRE.cert())))
                .parse(tampered.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapRejected.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void anUntrustedSignerIsRefused() throws Exception {
        assertThatThrownBy(() -> requiring(CENTRE.cert()).parse(sign(CapExamples.a1(), STRANGER)))
                .isInstanceOf(CapRejected.class).hasMessageContaining("not trusted here").hasMessageContaining("Someone else");
        // with no trusted certificate at all, a signed alert cannot verify either
        assertThatThrownBy(() -> new CapParser().parse(sign(CapExamples.a1(), CENTRE)))
                .isInstanceOf(CapRejected.class).hasMessageContaining("not trusted here");
    }

    @Test
    void unsignedAlertsPassOnlyWhenThePolicyAcceptsThem() {
        assertThatThrownBy(() -> requiring(CENTRE.cert()).parse(CapExamples.a1())).isInstanceOf(CapRejected.class)
                .hasMessageContaining("is not signed");
        assertThat(new CapParser(CapSignatures.unsignedAccepted(List.of(CENTRE.cert()))).parse(CapExamples.a1())
                .identifier()).isEqualTo("43b080713727");
        assertThatThrownBy(() -> CapSignatures.required(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfiguredPemCertificatesAreTrusted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pem = dir.resolve("kttv.pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(CENTRE.cert().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        CapSignatures required = new CapSignatureSettings(List.of(pem), false).load();
        assertThat(required.acceptsUnsigned()).isFalse();
        assertThat(new CapParser(required).parse(sign(CapExamples.a1(), CENTRE)).identifier()).isEqualTo("43b080713727");
        assertThatThrownBy(() -> new CapSignatureSettings(List.of(dir.resolve("missing.pem")), false).load())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> new CapSignatureSettings(List.of(), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--cap-trust");
        assertThat(CapSignatureSettings.DEFAULT.load().acceptsUnsigned()).isTrue();
    }

    @Test
    void aSignatureOutsideAlertOrTwoSignaturesAreRefused() throws Exception {
        String signed = new String(sign(CapExamples.a1(), CENTRE), StandardCharsets.UTF_8);
        int start = signed.indexOf("<Signature");
        String sig = signed.substring(start, signed.indexOf("</Signature>") + "</Signature>".length());
        String twice = signed.replace(sig, sig + sig);
        assertThatThrownBy(() -> requiring(CENTRE.cert()).parse(twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CapRejected.class).hasMessageContaining("2 XML signatures");
    }
}
