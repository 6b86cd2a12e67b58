package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.pki.EnrollmentRefused;
import vn.loa.controller.pki.EnrollmentService;
import vn.loa.controller.pki.Pki;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.protocol.v1.EnrollRequest;

/** Enrollment tokens, enrollment, revocation, and what the console shows about the PKI (docs/api.md). */
public final class PkiEndpoints {
    private static final int MAX_ENROLL_BYTES = 16 * 1024;
    private static final long MAX_TOKEN_HOURS = 7 * 24;

    private final EnrollmentService service;
    private final Pki pki;

    private final ScopeGuard scopes;

    public PkiEndpoints(Pki pki, ScopeGuard scopes) {
        this.pki = pki;
        this.service = pki.enrollment();
        this.scopes = scopes;
    }

    /**
     * The command a technician runs on the station: the console's address as this request reached it (enrollment
     * goes over HTTPS to the console, not to the agent port); the Debian package's wrapper enrolls as the service
     * user into /var/lib/loa-agent, so no --data is needed.
     */
    static String enrollCommand(String hostHeader, String token) {
        String console = hostHeader == null || hostHeader.isBlank() ? "CONSOLE-HOST:PORT" : hostHeader.strip();
        return "sudo loa-agent enroll --controller " + console + " --token " + token;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/stations/{id}/enrollment", this::createToken);
        router.add(HttpMethod.POST, "/api/v1/stations/{id}/revoke", this::revoke);
        router.add(HttpMethod.GET, "/api/v1/stations/{id}/certificates", this::certificates);
        router.add(HttpMethod.GET, "/api/v1/pki", r -> ApiResponse.ok(pki.summary()));
        router.addPublic(HttpMethod.POST, "/api/v1/enroll", this::enroll);
    }

    private static void requireStationManager(ApiRequest request, Action what) {
        if (!request.account().role().mayManageStations()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, what);
        }
    }

    private ApiResponse createToken(ApiRequest request) {
        requireStationManager(request, Action.CREATE_ENROLLMENT_TOKENS);
        long id = request.pathId("id");
        scopes.of(request.account()).requireStation(id);
        Duration validity = null;
        if (request.http().content().readableBytes() > 0) {
            JsonNode body = request.jsonBody();
            JsonNode hours = body.get("validHours");
            if (hours != null && !hours.isNull()) {
                if (!hours.canConvertToLong() || hours.asLong() < 1 || hours.asLong() > MAX_TOKEN_HOURS) {
                    throw RejectionCode.OUT_OF_RANGE.reject("validHours", 1, MAX_TOKEN_HOURS);
                }
                validity = Duration.ofHours(hours.asLong());
            }
        }
        EnrollmentService.NewToken token;
        try {
            token = service.createToken(id, request.account().id(), validity);
        } catch (IllegalArgumentException e) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", token.stationId());
        out.put("token", token.token());
        out.put("expiresAt", Json.utc(token.expiresAt()));
        out.put("caFingerprintSha256", service.ca().fingerprint());
        out.put("command", enrollCommand(request.http().headers().get("Host"), token.token()));
        return ApiResponse.created(out);
    }

    private ApiResponse revoke(ApiRequest request) {
        requireStationManager(request, Action.REVOKE_STATIONS);
        long id = request.pathId("id");
        scopes.of(request.account()).requireStation(id);
        EnrollmentService.Revocation r;
        try {
            r = service.revoke(id);
        } catch (IllegalArgumentException e) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", r.stationId());
        out.put("revokedCertificates", r.serials());
        out.put("cancelledTokens", r.tokensCancelled());
        out.put("disconnected", r.disconnected());
        return ApiResponse.ok(out);
    }

    private ApiResponse certificates(ApiRequest request) {
        long id = request.pathId("id");
        scopes.of(request.account()).requireStation(id);
        return ApiResponse.ok(service.certificatesOf(id).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", c.serial());
            m.put("issuedVia", c.issuedVia());
            m.put("issuedAt", Json.utc(c.issuedAt()));
            m.put("notAfter", Json.utc(c.notAfter()));
            m.put("revokedAt", Json.utc(c.revokedAt()));
            return m;
        }).toList());
    }

    /** Public: the token's HMAC is the credential. Body and answer are {@code loa.v1.EnrollRequest/EnrollResponse}. */
    private ApiResponse enroll(ApiRequest request) {
        int size = request.http().content().readableBytes();
        if (size == 0 || size > MAX_ENROLL_BYTES) {
            throw RejectionCode.ENROLLMENT_BODY.reject(MAX_ENROLL_BYTES / 1024);
        }
        EnrollRequest enroll;
        try {
            enroll = EnrollRequest.parseFrom(ByteBufUtil.getBytes(request.http().content()));
        } catch (InvalidProtocolBufferException e) {
            throw RejectionCode.ENROLLMENT_MALFORMED.reject("the body is not a loa.v1.EnrollRequest: " + e.getMessage());
        }
        try {
            byte[] answer = service.enroll(enroll).toByteArray();
            return ApiResponse.bytes(HttpResponseStatus.OK, answer, "application/x-protobuf");
        } catch (EnrollmentRefused refused) {
            throw new Rejection(refused.problem());
        }
    }
}
