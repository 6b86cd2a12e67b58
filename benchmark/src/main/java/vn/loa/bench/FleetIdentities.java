package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vn.loa.agent.pki.KeyMaterial;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.bench.load.StationCredential;
import vn.loa.protocol.pki.EnrollmentProof;
import vn.loa.protocol.pki.Pem;
import vn.loa.protocol.v1.EnrollRequest;
import vn.loa.protocol.v1.EnrollResponse;

/**
 * Station certificates for mutual TLS, enrolled the way a technician enrolls a Pi: an enrollment token
 * from {@code POST /api/v1/stations/{id}/enrollment}, a key pair and certificate request made here, sent to
 * {@code POST /api/v1/enroll}, the answer's HMAC checked. Each identity is kept in
 * {@code <work>/identities/<id>.pem} (key, certificate, CA) so that a rerun on the same work directory
 * skips the enrollment. Four stations enroll at a time over the harness's one HTTP client.
 */
final class FleetIdentities {
    private static final int PARALLEL = 4;

    private FleetIdentities() {
    }

    /** The stations with their identities, enrolling those that have none yet. */
    static List<StationCredential> ensure(Api api, Path dir, List<StationCredential> stations)
            throws IOException, InterruptedException {
        Path store = dir.resolve("identities");
        Files.createDirectories(store);
        long t0 = System.nanoTime();
        int enrolled = 0;
        List<Future<StationCredential>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().name("enroll-", 0).factory())) {
            for (StationCredential s : stations) {
                Path file = store.resolve(s.stationId() + ".pem");
                if (Files.isRegularFile(file)) {
                    pending.add(java.util.concurrent.CompletableFuture.completedFuture(
                            s.withIdentity(Files.readString(file, StandardCharsets.US_ASCII))));
                } else {
                    enrolled++;
                    pending.add(pool.submit(() -> s.withIdentity(enroll(api, s.stationId(), file))));
                }
            }
            List<StationCredential> out = new ArrayList<>(stations.size());
            for (Future<StationCredential> f : pending) {
                out.add(f.get());
            }
            if (enrolled > 0) {
                System.out.printf("  %d stations enrolled for mutual TLS (%.0f s)%n", enrolled, (System.nanoTime() - t0) / 1e9);
            }
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("enrollment failed: " + c, c);
        }
    }

    /** One station, through the API; the identity's PEM, also written to {@code file}. */
    static String enroll(Api api, long stationId, Path file) throws IOException, InterruptedException {
        JsonNode t = api.post("/api/v1/stations/" + stationId + "/enrollment", Map.of(), 201);
        EnrollmentProof proof = EnrollmentProof.of(t.get("token").asText());
        KeyPair keys = KeyMaterial.newKeyPair();
        String csr = KeyMaterial.csrPem(keys);
        EnrollRequest request = EnrollRequest.newBuilder().setTokenId(proof.tokenId()).setCsrPem(csr)
                .setMac(ByteString.copyFrom(proof.requestMac(csr))).build();
        HttpResponse<byte[]> r = api.http().send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/enroll"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("station " + stationId + ": enrollment refused (HTTP " + r.statusCode() + "): "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        EnrollResponse answer = EnrollResponse.parseFrom(r.body());
        if (!proof.verifyResponse(answer.getStationId(), answer.getCertificatePem(), answer.getCaCertificatePem(),
                answer.getMac().toByteArray())) {
            throw new IOException("station " + stationId + ": the enrollment answer is not signed with its token");
        }
        StationIdentity identity = new StationIdentity(keys.getPrivate(), Pem.certificate(answer.getCertificatePem()),
                Pem.certificate(answer.getCaCertificatePem()));
        identity.check();
        identity.save(file);
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
