package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Principal;
import vn.loa.controller.rejection.RejectionCode;

/** One HTTP request as endpoints see it. */
public final class ApiRequest {
    private final FullHttpRequest http;
    private final QueryStringDecoder query;
    private final Map<String, String> pathParams;
    private final Account account;
    private final SocketAddress remote;
    private final ObjectMapper json;
    private final Principal principal;
    /** What the audit row of this request says, when the endpoint knows better than the path. */
    private Account auditAccount;
    private String auditTarget;
    private String auditDetail;

    ApiRequest(FullHttpRequest http, QueryStringDecoder query, Map<String, String> pathParams, Account account,
            SocketAddress remote, ObjectMapper json) {
        this(http, query, pathParams, account == null ? null : new Principal(account, false, null, false),
                remote, json);
    }

    ApiRequest(FullHttpRequest http, QueryStringDecoder query, Map<String, String> pathParams, Principal principal,
            SocketAddress remote, ObjectMapper json) {
        this.http = http;
        this.query = query;
        this.pathParams = pathParams;
        this.principal = principal;
        this.account = principal == null ? null : principal.account();
        this.remote = remote;
        this.json = json;
    }

    /** How the caller signed in (null on public routes). */
    public Principal principal() {
        return principal;
    }

    /** The caller's IP address, without the port. */
    public String remoteAddress() {
        return remoteAddress(remote);
    }

    static String remoteAddress(SocketAddress remote) {
        if (remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return remote == null ? null : remote.toString();
    }

    /** Names the account an audit row is about when the request had none (sign-in). */
    public void auditAs(Account account) {
        this.auditAccount = account;
    }

    /** Sets what the audit row of this request names as target and detail. */
    public void audit(String target, String detail) {
        this.auditTarget = target;
        this.auditDetail = detail;
    }

    Account auditAccount() {
        return auditAccount != null ? auditAccount : account;
    }

    String auditTarget() {
        return auditTarget;
    }

    String auditDetail() {
        return auditDetail;
    }

    Map<String, String> pathParams() {
        return pathParams;
    }

    public FullHttpRequest http() {
        return http;
    }

    public HttpMethod method() {
        return http.method();
    }

    public Account account() {
        return account;
    }

    public SocketAddress remote() {
        return remote;
    }

    public String header(String name) {
        return http.headers().get(name);
    }

    public long pathId(String name) {
        String v = pathParams.get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw RejectionCode.NO_SUCH_ID.reject(name, v);
        }
    }

    public String queryParam(String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    public Long queryLong(String name) {
        String v = queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw RejectionCode.NOT_A_NUMBER.reject(name, v);
        }
    }

    /** The body as a JSON object; 400 when it is missing or not JSON. */
    public JsonNode jsonBody() {
        if (http.content().readableBytes() == 0) {
            throw RejectionCode.BODY_REQUIRED.reject();
        }
        try {
            JsonNode node = json.readTree(new io.netty.buffer.ByteBufInputStream(http.content().duplicate()));
            if (node == null || !node.isObject()) {
                throw RejectionCode.BODY_NOT_OBJECT.reject();
            }
            return node;
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw RejectionCode.BODY_NOT_JSON.reject(reason);
        }
    }

}
