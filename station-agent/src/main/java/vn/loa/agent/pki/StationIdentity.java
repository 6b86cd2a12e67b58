package vn.loa.agent.pki;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import vn.loa.agent.store.AtomicFiles;
import vn.loa.protocol.pki.Pem;

/**
 * A station's identity on disk: its private key, its certificate and the controller's CA, in one
 * PEM file ({@code <data>/pki/station.pem}, readable by the owner only) written atomically, so a
 * power cut during enrollment or renewal leaves either the old identity or the new one.
 */
public record StationIdentity(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    public static final String SUBJECT_PREFIX = "station-";

    public static Path file(Path dataDir) {
        return dataDir.resolve("pki").resolve("station.pem");
    }

    public static boolean exists(Path dataDir) {
        return Files.isRegularFile(file(dataDir));
    }

    public static StationIdentity load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no station certificate at " + file + ": enroll first (loa-agent enroll)");
        }
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        PrivateKey key = Pem.privateKey(pem);
        List<X509Certificate> certs = Pem.certificates(pem);
        if (certs.size() < 2) {
            throw new IOException(file + " must hold the station certificate and the CA certificate");
        }
        StationIdentity id = new StationIdentity(key, certs.get(0), certs.get(certs.size() - 1));
        id.check();
        return id;
    }

    /** The certificate must be signed by the CA and name a station. */
    public void check() throws IOException {
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IOException("the station certificate is not signed by the stored CA: " + e.getMessage(), e);
        }
        stationId();
    }

    /** The station id the certificate names ({@code CN=station-<id>}). */
    public long stationId() throws IOException {
        return stationIdOf(certificate);
    }

    public static long stationIdOf(X509Certificate certificate) throws IOException {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        String value = cn.length == 1 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : "";
        if (!value.startsWith(SUBJECT_PREFIX)) {
            throw new IOException("the certificate names no station: " + certificate.getSubjectX500Principal());
        }
        try {
            long id = Long.parseLong(value.substring(SUBJECT_PREFIX.length()));
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IOException("the certificate names no station: " + certificate.getSubjectX500Principal());
        }
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public void save(Path file) throws IOException {
        String pem = Pem.encode(key) + Pem.encode(certificate) + Pem.encode(ca);
        writePrivate(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Mutual TLS 1.3 towards the controller: our certificate, and only our controller's CA trusted. */
    public SslContext clientContext() throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                .keyManager(key, certificate).trustManager(ca)
                // the agent dials whatever name or address it was given; the private CA (which signs only
                // this controller's serverAuth certificate and clientAuth station certificates) is the check
                .endpointIdentificationAlgorithm(null)
                .build();
    }

    /** Write, fsync, rename: the file is created readable by the owner only before any byte is written. */
    static void writePrivate(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(tmp, options, attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        AtomicFiles.moveAtomically(tmp, target);
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
