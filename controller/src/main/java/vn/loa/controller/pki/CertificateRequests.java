package vn.loa.controller.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Reads a station's PKCS#10 request: it must be signed by the key it carries, an EC P-256 key. */
final class CertificateRequests {
    private static final int MAX_PEM_CHARS = 8192;

    private CertificateRequests() {
    }

    static PublicKey publicKeyOf(String csrPem) {
        if (csrPem == null || csrPem.isBlank()) {
            throw EnrollmentRefused.malformed("the certificate request (CSR) is missing");
        }
        if (csrPem.length() > MAX_PEM_CHARS) {
            throw EnrollmentRefused.malformed("the certificate request is too large");
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object o = parser.readObject();
            if (!(o instanceof PKCS10CertificationRequest request)) {
                throw EnrollmentRefused.malformed("not a PEM certificate request (PKCS#10)");
            }
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
            PublicKey key = jca.getPublicKey();
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw EnrollmentRefused.malformed("the station key must be EC P-256");
            }
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw EnrollmentRefused.malformed(
                        "the certificate request is not signed by its own key");
            }
            return key;
        } catch (IOException | OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
            throw EnrollmentRefused.malformed("unreadable certificate request: " + e.getMessage());
        }
    }
}
