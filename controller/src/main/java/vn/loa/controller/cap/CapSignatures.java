package vn.loa.controller.cap;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The XML-signature policy for CAP alerts (docs/security.md#cap-alert-signatures): an alert may carry one enveloped
 * XML-DSig {@code <Signature>} as the last child of {@code <alert>} (CAP 1.2 §3.3.2.1); it is verified with the
 * JDK's {@code javax.xml.crypto} (secure validation on) against the configured trusted certificates — the signing
 * certificate in its {@code KeyInfo} must be one of them or be issued by one, and be valid now. The one reference
 * must cover the whole document ({@code URI=""}) with the enveloped-signature transform, so that nothing outside the
 * signed content can be slipped in. Unsigned alerts are accepted only when the policy says so. Immutable,
 * thread-safe.
 */
public final class CapSignatures {
    /** What the check found. */
    public enum Verdict {
        /** No signature, and the policy accepts unsigned alerts. */
        UNSIGNED_ACCEPTED,
        /** A signature by a trusted certificate that verifies. */
        VERIFIED
    }

    private final List<X509Certificate> trusted;
    private final boolean unsignedAccepted;

    private CapSignatures(List<X509Certificate> trusted, boolean unsignedAccepted) {
        this.trusted = List.copyOf(trusted);
        this.unsignedAccepted = unsignedAccepted;
    }

    /** Signed alerts are verified against {@code trusted}; unsigned ones are accepted. */
    public static CapSignatures unsignedAccepted(List<X509Certificate> trusted) {
        return new CapSignatures(trusted, true);
    }

    /** Every alert must carry a signature that verifies against {@code trusted}. */
    public static CapSignatures required(List<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("signed CAP alerts are required, but no trusted certificate is configured");
        }
        return new CapSignatures(trusted, false);
    }

    public boolean acceptsUnsigned() {
        return unsignedAccepted;
    }

    /**
     * Checks the alert's signature.
     *
     * @throws CapRejected unsigned while signatures are required, signed by an untrusted certificate, or a signature
     *                     that does not verify (a tampered alert), with a message that says which
     */
    public Verdict check(Document doc) {
        NodeList found = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (found.getLength() == 0) {
            if (unsignedAccepted) {
                return Verdict.UNSIGNED_ACCEPTED;
            }
            throw new CapRejected("the CAP alert is not signed, and this controller accepts only alerts with an XML"
                    + " signature by a trusted certificate");
        }
        if (found.getLength() > 1) {
            throw new CapRejected("the CAP alert carries " + found.getLength() + " XML signatures; one is expected");
        }
        Element signature = (Element) found.item(0);
        if (signature.getParentNode() != doc.getDocumentElement()) {
            throw new CapRejected("the CAP alert's XML signature must be a child of <alert> (an enveloped signature)");
        }
        DOMValidateContext context = new DOMValidateContext(new TrustedCertificates(trusted), signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        try {
            XMLSignature xml = factory.unmarshalXMLSignature(context);
            requireWholeDocument(xml);
            if (xml.validate(context)) {
                return Verdict.VERIFIED;
            }
            boolean valueOk = xml.getSignatureValue().validate(context);
            boolean contentOk = ((Reference) xml.getSignedInfo().getReferences().get(0)).validate(context);
            throw new CapRejected("the CAP alert's XML signature does not verify: " + (!contentOk
                    ? "the signed content was changed after signing (digest mismatch)"
                    : !valueOk ? "the signature value does not match the signing key" : "it is invalid"));
        } catch (MarshalException e) {
            throw new CapRejected("the CAP alert's XML signature cannot be read: " + e.getMessage());
        } catch (XMLSignatureException e) {
            Throwable cause = e.getCause() instanceof KeySelectorException k ? k : e;
            throw new CapRejected("the CAP alert's XML signature cannot be verified: " + cause.getMessage());
        }
    }

    private static void requireWholeDocument(XMLSignature xml) {
        List<?> references = xml.getSignedInfo().getReferences();
        if (references.size() != 1) {
            throw new CapRejected("the CAP alert's XML signature must have exactly one reference, to the whole alert");
        }
        Reference ref = (Reference) references.get(0);
        boolean enveloped = ref.getTransforms().stream()
                .anyMatch(t -> Transform.ENVELOPED.equals(((Transform) t).getAlgorithm()));
        if (!"".equals(ref.getURI()) || !enveloped) {
            throw new CapRejected("the CAP alert's XML signature must sign the whole alert (Reference URI=\"\" with the"
                    + " enveloped-signature transform)");
        }
    }

    /** Picks the key of the certificate in KeyInfo when that certificate is trusted or issued by a trusted one. */
    private static final class TrustedCertificates extends KeySelector {
        private final List<X509Certificate> trusted;

        TrustedCertificates(List<X509Certificate> trusted) {
            this.trusted = trusted;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("the signature's KeyInfo names no certificate");
            }
            for (Object item : keyInfo.getContent()) {
                if (item instanceof X509Data data) {
                    for (Object o : data.getContent()) {
                        if (o instanceof X509Certificate cert) {
                            if (isTrusted(cert)) {
                                Key key = cert.getPublicKey();
                                return () -> key;
                            }
                            throw new KeySelectorException("it is signed by a certificate that is not trusted here: "
                                    + cert.getSubjectX500Principal().getName());
                        }
                    }
                }
            }
            throw new KeySelectorException("the signature's KeyInfo carries no X.509 certificate");
        }

        private boolean isTrusted(X509Certificate cert) {
            try {
                cert.checkValidity();
            } catch (GeneralSecurityException e) {
                return false;
            }
            for (X509Certificate anchor : trusted) {
                if (anchor.equals(cert)) {
                    return true;
                }
                if (anchor.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                    try {
                        cert.verify(anchor.getPublicKey());
                        anchor.checkValidity();
                        return true;
                    } catch (GeneralSecurityException e) {
                        // not issued by this anchor (or it has expired): try the next one
                    }
                }
            }
            return false;
        }
    }
}
