package vn.loa.controller.web;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.release.AgentRelease;
import vn.loa.controller.release.ReleaseRefused;
import vn.loa.controller.release.ReleaseService;

/**
 * Agent releases (docs/updates.md), admins only: upload a jar ({@code POST /api/v1/releases?version=&notes=},
 * the jar — or the loa-agent {@code .deb}, whose jar is taken — as the body), approve (a second admin) and withdraw, list, and the release key's public half.
 */
public final class ReleaseEndpoints {
    private final ReleaseService releases;
    private final Path tmpDir;

    public ReleaseEndpoints(ReleaseService releases, Path tmpDir) {
        this.releases = releases;
        this.tmpDir = tmpDir;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/releases", r -> {
            admin(r);
            return ApiResponse.ok(releases.list().stream().map(ReleaseEndpoints::view).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/releases/key", r -> {
            admin(r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", "Ed25519");
            m.put("publicKey", Base64.getEncoder().encodeToString(releases.key().publicKeyDer()));
            m.put("fingerprintSha256", releases.key().fingerprint());
            return ApiResponse.ok(m);
        });
        router.add(HttpMethod.GET, "/api/v1/releases/{id}", r -> {
            admin(r);
            long id = r.pathId("id");
            return ApiResponse.ok(view(releases.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.RELEASE, id))));
        });
        router.add(HttpMethod.POST, "/api/v1/releases", this::upload);
        router.add(HttpMethod.POST, "/api/v1/releases/{id}/approve", r -> {
            admin(r);
            AgentRelease a = decide(() -> releases.approve(r.pathId("id"), r.account().id()), r.pathId("id"));
            r.audit("release:" + a.version(), "approved and signed");
            return ApiResponse.ok(view(a));
        });
        router.add(HttpMethod.POST, "/api/v1/releases/{id}/withdraw", r -> {
            admin(r);
            AgentRelease a = decide(() -> releases.withdraw(r.pathId("id")), r.pathId("id"));
            r.audit("release:" + a.version(), "withdrawn");
            return ApiResponse.ok(view(a));
        });
    }

    private ApiResponse upload(ApiRequest r) {
        admin(r);
        if (r.http().content().readableBytes() == 0) {
            throw RejectionCode.RELEASE_REFUSED.reject("send the agent jar as the request body");
        }
        Path tmp = null;
        Path jarFromDeb = null;
        try {
            Files.createDirectories(tmpDir);
            tmp = Files.createTempFile(tmpDir, "release-", ".jar");
            try (InputStream in = new ByteBufInputStream(r.http().content().duplicate())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Path upload = tmp;
            if (vn.loa.controller.release.DebPackage.looksLikeDeb(tmp)) {
                // the loa-agent .deb: its jar is the release (the package itself is installed by hand only)
                upload = Files.createTempFile(tmpDir, "release-", ".jar");
                jarFromDeb = upload;
                Path deb = tmp;
                Path jar = upload;
                decide(() -> {
                    vn.loa.controller.release.DebPackage.extractAgentJar(deb, jar);
                    return null;
                }, 0);
            }
            Path release = upload;
            AgentRelease a = decide(() -> releases.upload(release, r.queryParam("version"), r.queryParam("notes"),
                    r.account().id()), 0);
            r.audit("release:" + a.version(), "uploaded " + a.size() + " bytes, sha256 " + a.sha256());
            return ApiResponse.created(view(a)).withHeader("Location", "/api/v1/releases/" + a.id());
        } catch (IOException e) {
            throw new IllegalStateException("storing the uploaded release failed: " + e.getMessage(), e);
        } finally {
            for (Path p : new Path[] {tmp, jarFromDeb}) {
                if (p != null) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        org.slf4j.LoggerFactory.getLogger(ReleaseEndpoints.class).warn("cannot delete {}: {}", p, e.toString());
                    }
                }
            }
        }
    }

    private interface Decision {
        AgentRelease run() throws ReleaseRefused, IOException;
    }

    private static AgentRelease decide(Decision d, long id) {
        try {
            return d.run();
        } catch (ReleaseRefused e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> RejectionCode.NOT_FOUND.reject(ObjectKind.RELEASE, id);
                case OWN_UPLOAD -> RejectionCode.OWN_WORK_REVIEW.reject();
                case VERSION_EXISTS -> RejectionCode.RELEASE_EXISTS.reject(e.release().map(AgentRelease::version).orElse("?"));
                case NOT_PENDING -> RejectionCode.NOT_PENDING.reject(ObjectKind.RELEASE, id,
                        e.release().map(a -> a.state().name()).orElse("?"));
                case NOT_A_JAR, NO_MAIN_CLASS, VERSION_INVALID, VERSION_MISMATCH -> RejectionCode.RELEASE_REFUSED.reject(e.detail());
            };
        } catch (IOException e) {
            throw new IllegalStateException("storing the release failed: " + e.getMessage(), e);
        }
    }

    private static void admin(ApiRequest r) {
        if (r.account().role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.MANAGE_RELEASES);
        }
    }

    static Map<String, Object> view(AgentRelease a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("version", a.version());
        m.put("sha256", a.sha256());
        m.put("size", a.size());
        m.put("notes", a.notes());
        m.put("state", a.state().name());
        m.put("uploadedBy", a.uploadedBy());
        m.put("uploadedAt", Json.utc(a.uploadedAt()));
        m.put("approvedBy", a.approvedBy());
        m.put("approvedAt", a.approvedAt() == null ? null : Json.utc(a.approvedAt()));
        m.put("signature", a.signature() == null ? null : Base64.getEncoder().encodeToString(a.signature()));
        return m;
    }
}
