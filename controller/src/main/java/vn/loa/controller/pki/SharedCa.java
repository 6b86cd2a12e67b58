package vn.loa.controller.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.pki.Pem;

/**
 * The station CA of a cluster, kept in the database ({@code ca_key}) so that whichever node leads signs
 * and checks station certificates with the same CA: the certificate in clear, the private key encrypted
 * with a {@link KeyEncryptionKey} that is not in the database. The first node to start stores the CA it
 * has under {@code pki/} (or a new one); every other node uses the stored one.
 */
public final class SharedCa {
    private static final Logger log = LoggerFactory.getLogger(SharedCa.class);
    /** Ties the ciphertext to its row and purpose. */
    private static final byte[] AAD = "loa ca_key 1".getBytes(StandardCharsets.US_ASCII);

    private SharedCa() {
    }

    public static CertificateAuthority open(Jdbc jdbc, KeyEncryptionKey kek, Path pkiDir, Clock clock) throws IOException {
        Optional<Row> stored = read(jdbc);
        if (stored.isEmpty()) {
            CertificateAuthority local = CertificateAuthority.openOrCreate(pkiDir, clock);
            KeyEncryptionKey.Sealed sealed = kek.seal(Pem.encode(local.privateKey()).getBytes(StandardCharsets.US_ASCII),
                    AAD);
            int inserted = jdbc.update("INSERT INTO ca_key (id, certificate_pem, key_nonce, key_ciphertext, created_at) "
                    + "VALUES (1, ?, ?, ?, ?) ON CONFLICT DO NOTHING", Pem.encode(local.certificate()), sealed.nonce(),
                    sealed.ciphertext(), clock.instant());
            if (inserted == 1) {
                log.info("station CA {} stored in the database, its key encrypted: every node uses it from now on",
                        local.fingerprint());
                return local;
            }
            stored = read(jdbc); // another node stored its CA first
        }
        Row row = stored.orElseThrow(() -> new IOException("the ca_key row vanished while this node started"));
        String keyPem = new String(kek.open(new KeyEncryptionKey.Sealed(row.nonce(), row.ciphertext()), AAD),
                StandardCharsets.US_ASCII);
        CertificateAuthority ca = CertificateAuthority.of(Pem.privateKey(keyPem), Pem.certificate(row.certificatePem()),
                clock);
        log.info("station CA {} read from the database", ca.fingerprint());
        return ca;
    }

    private static Optional<Row> read(Jdbc jdbc) {
        return jdbc.queryOne("SELECT certificate_pem, key_nonce, key_ciphertext FROM ca_key WHERE id = 1",
                rs -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3)));
    }

    private record Row(String certificatePem, byte[] nonce, byte[] ciphertext) {
    }
}
