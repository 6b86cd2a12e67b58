package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.release.ReleaseSignature;

/** Agent releases through the API: upload, the uploader may not approve, a second admin approves and it is signed. */
@Tag("e2e")
@Timeout(90)
class ReleaseApiTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aSecondAdminApprovesAndTheControllerSigns() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient admin = controller.admin();
        assertThat(admin.post("/api/v1/accounts", Map.of("username", "admin.hai", "password", "mat-khau-rat-dai",
                "role", "ADMIN")).status()).isEqualTo(201);
        ApiClient second = new ApiClient(controller.httpPort()).login("admin.hai", "mat-khau-rat-dai");

        ApiClient.Response refused = upload(admin, "/api/v1/releases?version=1.0", "not a jar".getBytes());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("RELEASE_REFUSED");

        ApiClient.Response up = upload(admin, "/api/v1/releases?notes=canary", jar("2026.12.1"));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long id = up.json().get("id").asLong();
        assertThat(up.json().get("state").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(up.json().get("signature").isNull()).isTrue();
        assertThat(upload(second, "/api/v1/releases", jar("2026.12.1")).status()).isEqualTo(409);

        ApiClient.Response own = admin.post("/api/v1/releases/" + id + "/approve", Map.of());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("code").asText()).isEqualTo("OWN_WORK_REVIEW");

        ApiClient.Response approved = second.post("/api/v1/releases/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode r = approved.json();
        assertThat(r.get("state").asText()).isEqualTo("APPROVED");
        JsonNode key = admin.get("/api/v1/releases/key").json();
        assertThat(ReleaseSignature.verify(ReleaseSignature.decode(Base64.getDecoder().decode(key.get("publicKey").asText())),
                "2026.12.1", r.get("sha256").asText(), r.get("size").asLong(),
                Base64.getDecoder().decode(r.get("signature").asText()))).isTrue();
        assertThat(second.post("/api/v1/releases/" + id + "/approve", Map.of()).status()).isEqualTo(409);

        JsonNode audit = admin.get("/api/v1/audit?limit=50").json();
        assertThat(audit.toString()).contains("release:2026.12.1").contains("approved and signed");

        // the loa-agent .deb: its jar is the release (same bytes, same checksum as that jar uploaded alone)
        byte[] jar2 = jar("2026.12.2");
        ApiClient.Response deb = upload(admin, "/api/v1/releases", deb(jar2));
        assertThat(deb.status()).as(deb.body()).isEqualTo(201);
        assertThat(deb.json().get("version").asText()).isEqualTo("2026.12.2");
        assertThat(deb.json().get("size").asLong()).isEqualTo(jar2.length);
        assertThat(deb.json().get("sha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(jar2)));
    }

    /** A loa-agent .deb as jdeb makes it: an ar archive with the jar in data.tar.gz. */
    private static byte[] deb(byte[] jar) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(tarBytes))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("./usr/share/loa-agent/loa-agent.jar");
            e.setSize(jar.length);
            tar.putArchiveEntry(e);
            tar.write(jar);
            tar.closeArchiveEntry();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ar = new org.apache.commons.compress.archivers.ar.ArArchiveOutputStream(out)) {
            for (var f : Map.of("debian-binary", "2.0\n".getBytes(), "data.tar.gz", tarBytes.toByteArray()).entrySet()) {
                ar.putArchiveEntry(new org.apache.commons.compress.archivers.ar.ArArchiveEntry(f.getKey(), f.getValue().length));
                ar.write(f.getValue());
                ar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static ApiClient.Response upload(ApiClient api, String path, byte[] body) {
        return api.send(api.builder(path).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] jar(String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "vn.loa.agent.cli.AgentCommand");
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new ZipEntry("x.txt"));
            j.write(1);
        }
        return out.toByteArray();
    }
}
