package vn.loa.agent.pki;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.pki.EnrollmentProof;
import vn.loa.protocol.pki.Pem;
import vn.loa.protocol.v1.EnrollRequest;
import vn.loa.protocol.v1.EnrollResponse;

/**
 * Exchanges a one-time enrollment token for a station certificate: makes a key pair here, sends a
 * certificate request to {@code POST /api/v1/enroll}, checks the answer and stores the identity.
 *
 * <p>The HTTPS certificate of the controller is not what we trust (it is self-signed by default):
 * the answer carries an HMAC under a key derived from the token, which only the controller that
 * issued the token can compute. So the CA received is our controller's, or the enrollment fails.
 */
public final class Enroller {
    private static final Logger log = LoggerFactory.getLogger(Enroller.class);
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Why an enrollment failed, in words for the technician. */
    public static final class EnrollmentException extends Exception {
        public EnrollmentException(String message) {
            super(message);
        }

        public EnrollmentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Enroller() {
    }

    /** {@code HOST:PORT} means HTTPS; a full {@code http://} or {@code https://} address is used as given. */
    public static URI baseUri(String controller) {
        if (controller == null || controller.isBlank()) {
            throw new IllegalArgumentException("--controller is missing (HOST:PORT of the controller's console)");
        }
        String c = controller.strip();
        URI uri = URI.create(c.contains("://") ? c : "https://" + c);
        if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("--controller must be HOST:PORT or an http(s):// address, got " + controller);
        }
        return uri;
    }

    /** The time the controller has to answer, TLS handshake included (a mobile link, a slow device). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public static StationIdentity enroll(URI controller, String token, Path dataDir) throws EnrollmentException {
        return enroll(controller, token, dataDir, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long the exchange may take, the TLS handshake included (under emulation, or on a loaded
     *                device, the JVM's first handshake alone can take tens of seconds)
     */
    public static StationIdentity enroll(URI controller, String token, Path dataDir, Duration timeout)
            throws EnrollmentException {
        EnrollmentProof proof;
        try {
            proof = EnrollmentProof.of(token);
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException(e.getMessage());
        }
        KeyPair keys = KeyMaterial.newKeyPair();
        String csr = KeyMaterial.csrPem(keys);
        EnrollRequest request = EnrollRequest.newBuilder().setTokenId(proof.tokenId()).setCsrPem(csr)
                .setMac(ByteString.copyFrom(proof.requestMac(csr))).build();
        URI endpoint = controller.resolve("/api/v1/enroll");
        HttpResponse<byte[]> response;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).sslContext(anyServer()).build();
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new EnrollmentException("cannot reach the controller at " + endpoint + " (connection refused)", e);
        } catch (HttpTimeoutException e) {
            throw new EnrollmentException("the controller at " + endpoint + " did not answer within "
                    + timeout.toSeconds() + " s (a slow link or device: try --timeout with more seconds)", e);
        } catch (IOException e) {
            throw new EnrollmentException("cannot reach the controller at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new EnrollmentException("the controller refused the enrollment (HTTP " + response.statusCode() + "): "
                    + errorOf(response.body()));
        }
        EnrollResponse answer;
        try {
            answer = EnrollResponse.parseFrom(response.body());
        } catch (InvalidProtocolBufferException e) {
            throw new EnrollmentException("the controller's answer is not an enrollment response", e);
        }
        StationIdentity identity = verify(answer, proof, keys);
        try {
            identity.save(StationIdentity.file(dataDir));
        } catch (IOException e) {
            throw new EnrollmentException("cannot store the certificate under " + dataDir + ": " + e.getMessage(), e);
        }
        byte[] releaseKey = answer.getReleasePublicKey().toByteArray();
        if (releaseKey.length > 0) {
            // docs/updates.md: the key that signs releases, proven by the same token; enrolling again replaces it
            if (!proof.verifyReleaseKey(releaseKey, answer.getReleaseKeyMac().toByteArray())) {
                throw new EnrollmentException("the controller's release key does not carry the token's proof: "
                        + "not enrolling (is something between this station and the controller?)");
            }
            try {
                new ReleaseTrust(dataDir).replace(releaseKey);
            } catch (IOException | IllegalArgumentException e) {
                throw new EnrollmentException("cannot store the release key under " + dataDir + ": " + e.getMessage(), e);
            }
        }
        log.info("station {}: enrolled; certificate serial {} valid until {}", answer.getStationId(),
                identity.certificate().getSerialNumber().toString(16), identity.notAfter());
        return identity;
    }

    static StationIdentity verify(EnrollResponse answer, EnrollmentProof proof, KeyPair keys) throws EnrollmentException {
        if (!proof.verifyResponse(answer.getStationId(), answer.getCertificatePem(), answer.getCaCertificatePem(),
                answer.getMac().toByteArray())) {
            throw new EnrollmentException("the answer is not signed with this token: this is not the controller that "
                    + "issued it (or the connection was tampered with); nothing was stored");
        }
        try {
            StationIdentity identity = new StationIdentity(keys.getPrivate(), Pem.certificate(answer.getCertificatePem()),
                    Pem.certificate(answer.getCaCertificatePem()));
            identity.check();
            if (!identity.certificate().getPublicKey().equals(keys.getPublic())) {
                throw new EnrollmentException("the certificate received is not for the key made here; nothing was stored");
            }
            if (identity.stationId() != answer.getStationId()) {
                throw new EnrollmentException("the certificate names station " + identity.stationId() + ", the answer "
                        + answer.getStationId() + "; nothing was stored");
            }
            return identity;
        } catch (IOException e) {
            throw new EnrollmentException("the certificate received is not valid: " + e.getMessage(), e);
        }
    }

    static String errorOf(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        Matcher m = ERROR.matcher(text);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text.isBlank() ? "(no reason given)" : text.strip();
    }

    /** Accepts whatever certificate the HTTPS server shows: the token's HMAC, not TLS, authenticates it. */
    private static SSLContext anyServer() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                    throw new UnsupportedOperationException("client side only");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                    throw new UnsupportedOperationException("client side only");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    throw new UnsupportedOperationException("client side only");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
