package vn.loa.controller.pki;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.net.TlsEngine;
import vn.loa.protocol.pki.Pem;

/**
 * The controller's two server certificates under {@code <data>/pki/}: the agent gateway's (signed by
 * the station CA) and the console's HTTPS one (self-signed, unless the operator brings their own).
 * Each is made at first start and made again when it is missing, not valid for 30 more days, or (the
 * gateway's) no longer signed by the CA.
 */
public final class ServerIdentities {
    private static final Logger log = LoggerFactory.getLogger(ServerIdentities.class);
    private static final Duration VALIDITY = Duration.ofDays(2 * 365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** A certificate chain and its key. */
    public record Identity(PrivateKey key, X509Certificate certificate) {
        public String fingerprint() {
            return CertificateAuthority.fingerprint(certificate);
        }
    }

    private ServerIdentities() {
    }

    /**
     * Mutual TLS 1.3 on the agent port: client certificate required, only the station CA trusted; OpenSSL
     * when it loads, else the JDK's TLS ({@link TlsEngine}).
     */
    public static SslContext gatewayContext(Identity gateway, CertificateAuthority ca) throws IOException {
        return SslContextBuilder.forServer(gateway.key(), gateway.certificate(), ca.certificate())
                .sslProvider(TlsEngine.select().provider()).protocols("TLSv1.3").clientAuth(ClientAuth.REQUIRE)
                .trustManager(ca.certificate()).build();
    }

    public static Identity gateway(Path pkiDir, CertificateAuthority ca, Clock clock) throws IOException {
        Path keyFile = pkiDir.resolve("gateway.key");
        Path certFile = pkiDir.resolve("gateway.crt");
        Identity current = read(keyFile, certFile);
        if (current != null && fresh(current.certificate(), clock)) {
            try {
                current.certificate().verify(ca.certificate().getPublicKey());
                return current;
            } catch (GeneralSecurityException e) {
                log.warn("the agent gateway certificate is not signed by the current CA; making a new one");
            }
        }
        KeyPair pair = CertificateAuthority.newKeyPair();
        X509Certificate cert = ca.issueServer(pair.getPublic(), VALIDITY);
        PrivateFiles.writePrivate(keyFile, Pem.encode(pair.getPrivate()));
        PrivateFiles.writePublic(certFile, Pem.encode(cert));
        log.info("made the agent gateway certificate {} (valid until {})", certFile, cert.getNotAfter().toInstant());
        return new Identity(pair.getPrivate(), cert);
    }

    /** HTTPS for the console and API: the operator's files, or a self-signed certificate made here. */
    public static SslContext httpsContext(Identity https) throws IOException {
        return SslContextBuilder.forServer(https.key(), https.certificate()).sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2").build();
    }

    public static Identity https(Path pkiDir, SecurityConfig config, Clock clock) throws IOException {
        if (config.httpsCert() != null) {
            Identity own;
            try {
                own = new Identity(Pem.privateKey(Files.readString(config.httpsKey(), StandardCharsets.US_ASCII)),
                        Pem.certificate(Files.readString(config.httpsCert(), StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new IOException("cannot use --https-cert " + config.httpsCert() + " / --https-key "
                        + config.httpsKey() + ": " + e.getMessage(), e);
            }
            log.info("HTTPS certificate from {}: {} (SHA-256 fingerprint {})", config.httpsCert(),
                    own.certificate().getSubjectX500Principal().getName(), own.fingerprint());
            return own;
        }
        Path keyFile = pkiDir.resolve("https.key");
        Path certFile = pkiDir.resolve("https.crt");
        Identity current = read(keyFile, certFile);
        if (current != null && fresh(current.certificate(), clock)) {
            log.info("HTTPS certificate (self-signed) {}: SHA-256 fingerprint {}", certFile, current.fingerprint());
            return current;
        }
        KeyPair pair = CertificateAuthority.newKeyPair();
        X509Certificate cert = CertificateAuthority.selfSigned(pair, VALIDITY, clock);
        PrivateFiles.writePrivate(keyFile, Pem.encode(pair.getPrivate()));
        PrivateFiles.writePublic(certFile, Pem.encode(cert));
        Identity made = new Identity(pair.getPrivate(), cert);
        log.warn("made a self-signed HTTPS certificate {} (SHA-256 fingerprint {}); browsers will warn once: "
                + "bring your own with --https-cert and --https-key", certFile, made.fingerprint());
        return made;
    }

    private static Identity read(Path keyFile, Path certFile) throws IOException {
        if (!Files.exists(keyFile) || !Files.exists(certFile)) {
            return null;
        }
        return new Identity(Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII)),
                Pem.certificate(Files.readString(certFile, StandardCharsets.US_ASCII)));
    }

    private static boolean fresh(X509Certificate cert, Clock clock) {
        return cert.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
    }
}
