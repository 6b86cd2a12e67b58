package vn.loa.controller.cap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * How CAP alert signatures are configured (docs/security.md#cap-alert-signatures): the PEM files of the trusted
 * certificates ({@code --cap-trust}) and whether unsigned alerts are accepted ({@code --cap-unsigned}).
 */
public record CapSignatureSettings(List<Path> trustedCertificates, boolean unsignedAccepted) {
    /** No trusted certificate; unsigned alerts accepted (a signed alert cannot verify then and is refused). */
    public static final CapSignatureSettings DEFAULT = new CapSignatureSettings(List.of(), true);

    public CapSignatureSettings {
        trustedCertificates = List.copyOf(trustedCertificates);
        if (!unsignedAccepted && trustedCertificates.isEmpty()) {
            throw new IllegalArgumentException("--cap-unsigned refuse needs at least one trusted certificate (--cap-trust)");
        }
    }

    /** Reads the certificates; fails at start with the file that cannot be read. */
    public CapSignatures load() {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : trustedCertificates) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certificates.add((X509Certificate) c);
                }
            } catch (IOException | CertificateException e) {
                throw new IllegalArgumentException("--cap-trust " + file + ": not a readable PEM certificate: " + e.getMessage(), e);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("--cap-trust " + file + ": no certificate in it");
            }
        }
        return unsignedAccepted ? CapSignatures.unsignedAccepted(certificates) : CapSignatures.required(certificates);
    }
}
