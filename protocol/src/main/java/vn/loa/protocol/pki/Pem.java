package vn.loa.protocol.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text in and out: certificates, PKCS#8 private keys, CSRs. Part of the wire contract: enrollment and
 * renewal carry certificates and CSRs as PEM text (docs/protocol.md, docs/security.md).
 */
public final class Pem {
    private Pem() {
    }

    /** PEM of a certificate, a CSR, or a private key (always PKCS#8, {@code BEGIN PRIVATE KEY}). */
    public static String encode(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                w.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                w.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Every certificate in the text, in order (other blocks, such as a private key, are skipped). */
    public static List<X509Certificate> certificates(String pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException("not a PEM certificate: " + e.getMessage(), e);
        }
        return out;
    }

    public static X509Certificate certificate(String pem) throws IOException {
        List<X509Certificate> all = certificates(pem);
        if (all.isEmpty()) {
            throw new IOException("no certificate in the PEM text");
        }
        return all.get(0);
    }

    /** The first private key in the text (PKCS#8, or an OpenSSL EC/RSA key pair). */
    public static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        }
        throw new IOException("no unencrypted private key in the PEM text");
    }
}
