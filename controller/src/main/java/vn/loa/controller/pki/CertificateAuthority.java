package vn.loa.controller.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.pki.Pem;

/**
 * The controller's own certificate authority ({@code <data>/pki/ca.key}, owner-only, and
 * {@code ca.crt}): signs the station certificates (clientAuth) and the agent gateway's certificate
 * (serverAuth), nothing else. Made at first start; its SHA-256 fingerprint is logged and shown by
 * {@code GET /api/v1/pki}.
 */
public final class CertificateAuthority {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);
    static final String KEY_FILE = "ca.key";
    static final String CERT_FILE = "ca.crt";
    private static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    /** Clocks of freshly booted Pis may lag a little before their first sync. */
    private static final Duration BACKDATE = Duration.ofMinutes(10);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
    }

    /** A CA from its key and certificate (read from the database, {@link SharedCa}). */
    static CertificateAuthority of(PrivateKey key, X509Certificate certificate, Clock clock) {
        return new CertificateAuthority(key, certificate, clock);
    }

    /** For {@link SharedCa}, which stores it encrypted; nothing else reads it. */
    PrivateKey privateKey() {
        return key;
    }

    /** Opens the CA under {@code pkiDir}, or makes one when there is none. */
    public static CertificateAuthority openOrCreate(Path pkiDir, Clock clock) throws IOException {
        Path keyFile = pkiDir.resolve(KEY_FILE);
        Path certFile = pkiDir.resolve(CERT_FILE);
        if (Files.exists(keyFile) || Files.exists(certFile)) {
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                throw new IOException("half a CA under " + pkiDir + ": " + KEY_FILE + " and " + CERT_FILE
                        + " must both be there (restore them from a backup; a new CA means re-enrolling every station)");
            }
            PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
            X509Certificate cert = Pem.certificate(Files.readString(certFile, StandardCharsets.US_ASCII));
            CertificateAuthority ca = new CertificateAuthority(key, cert, clock);
            log.info("station CA: {} (SHA-256 fingerprint {})", cert.getSubjectX500Principal().getName(), ca.fingerprint());
            return ca;
        }
        KeyPair pair = newKeyPair();
        Instant now = clock.instant();
        X500Principal subject = new X500Principal("CN=Loa controller CA " + hostName() + ",O=Loa");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, newSerial(new SecureRandom()),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            PrivateFiles.writePrivate(keyFile, Pem.encode(pair.getPrivate()));
            PrivateFiles.writePublic(certFile, Pem.encode(cert));
            CertificateAuthority ca = new CertificateAuthority(pair.getPrivate(), cert, clock);
            log.warn("made a new station CA under {}: SHA-256 fingerprint {} — back up {} (owner-only)", pkiDir,
                    ca.fingerprint(), keyFile);
            return ca;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the station CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the CA certificate, colon-separated upper-case hex (as {@code openssl x509 -fingerprint}). */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A station's certificate: {@code CN=station-<id>}, clientAuth only. */
    public X509Certificate issueStation(PublicKey stationKey, long stationId, Duration validity) {
        Instant now = clock.instant();
        X500Principal subject = new X500Principal("CN=" + StationCertificates.SUBJECT_PREFIX + stationId + ",O=Loa");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, newSerial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, stationKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            return sign(b, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign the certificate of station " + stationId + ": " + e.getMessage(), e);
        }
    }

    /** The agent gateway's certificate: serverAuth only, for this host's names. */
    X509Certificate issueServer(PublicKey serverKey, Duration validity) {
        Instant now = clock.instant();
        X500Principal subject = new X500Principal("CN=loa-controller,O=Loa");
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, newSerial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, serverKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, localNames());
            return sign(b, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign the gateway certificate: " + e.getMessage(), e);
        }
    }

    /** A self-signed serverAuth certificate (the default HTTPS certificate of the console). */
    static X509Certificate selfSigned(KeyPair pair, Duration validity, Clock clock) {
        Instant now = clock.instant();
        X500Principal subject = new X500Principal("CN=" + hostName() + ",O=Loa console");
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, newSerial(new SecureRandom()),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, localNames());
            return sign(b, pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the HTTPS certificate: " + e.getMessage(), e);
        }
    }

    /** localhost, 127.0.0.1, ::1 and this machine's host name. */
    static GeneralNames localNames() {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        String host = hostName();
        if (!host.isBlank() && !host.equals("localhost")) {
            dns.add(host);
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            log.debug("no host name: {}", e.getMessage());
            return "localhost";
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no EC P-256: " + e.getMessage(), e);
        }
    }

    private static BigInteger newSerial(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
