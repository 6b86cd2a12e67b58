package vn.loa.agent.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import vn.loa.protocol.pki.Pem;

/** A station's key pair (EC P-256, made on the station, never sent) and its certificate request. */
public final class KeyMaterial {
    private KeyMaterial() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no EC P-256: " + e.getMessage(), e);
        }
    }

    /** The controller decides the subject; the request only proves we hold the key. */
    public static String csrPem(KeyPair keys) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=loa-station"), keys.getPublic());
            return Pem.encode(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }
}
