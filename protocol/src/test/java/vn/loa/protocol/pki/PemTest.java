package vn.loa.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** PEM round trips of what crosses the wire and sits in the agent's and controller's files. */
class PemTest {

    @Test
    void aKeyAndItsCertificatesRoundTripInOneText() throws Exception {
        KeyPair keys = ecKeys();
        X509Certificate station = selfSigned(keys, "CN=station-7");
        X509Certificate ca = selfSigned(ecKeys(), "CN=Loa station CA");
        String text = Pem.encode(keys.getPrivate()) + Pem.encode(station) + Pem.encode(ca);

        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey key = Pem.privateKey(text);
        assertThat(key.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(Pem.certificates(text)).containsExactly(station, ca);
        assertThat(Pem.certificate(text)).isEqualTo(station);
    }

    @Test
    void textWithoutWhatIsAskedForIsRefusedWithAReason() throws Exception {
        String certOnly = Pem.encode(selfSigned(ecKeys(), "CN=x"));
        assertThatThrownBy(() -> Pem.privateKey(certOnly)).isInstanceOf(IOException.class)
                .hasMessageContaining("no unencrypted private key");
        assertThatThrownBy(() -> Pem.certificate("not PEM at all")).isInstanceOf(IOException.class)
                .hasMessageContaining("no certificate");
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys, String subject) throws Exception {
        Instant now = Instant.now();
        X500Principal name = new X500Principal(subject);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
