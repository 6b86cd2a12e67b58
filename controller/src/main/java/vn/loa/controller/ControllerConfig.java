package vn.loa.controller;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.storage.DatabaseSettings;
import vn.loa.protocol.ProtocolVersion;

/**
 * How a controller runs; defaults in one place, every error reported together.
 *
 * @param maxUploadBytes the largest HTTP body accepted (bulletin uploads)
 * @param maxFrameBytes  the largest protocol frame accepted from an agent
 * @param security       mutual TLS for agents, HTTPS for people (docs/security.md); {@link #of} starts
 *                       with both off, the command line with both on
 * @param database       which database (docs/deployment.md); {@link #of} takes H2 in {@code dataDir}
 * @param capSignatures  trusted certificates of CAP alert signatures, and whether unsigned alerts are accepted
 */
public record ControllerConfig(Path dataDir, String httpHost, int httpPort, String agentHost, int agentPort,
        int maxUploadBytes, int maxFrameBytes, String adminPassword, SecurityConfig security, DatabaseSettings database,
        vn.loa.controller.cap.CapSignatureSettings capSignatures) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_AGENT_PORT = 7070;
    public static final int DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

    public ControllerConfig {
        List<String> errors = new ArrayList<>();
        if (dataDir == null) {
            errors.add("data directory is missing (--data DIR)");
        }
        if (httpPort < 0 || httpPort > 65535) {
            errors.add("HTTP port " + httpPort + " is not a TCP port");
        }
        if (agentPort < 0 || agentPort > 65535) {
            errors.add("agent port " + agentPort + " is not a TCP port");
        }
        if (httpPort != 0 && httpPort == agentPort) {
            errors.add("the HTTP port and the agent port must differ");
        }
        if (maxUploadBytes < 1024) {
            errors.add("the upload limit must be at least 1 KiB");
        }
        if (maxFrameBytes < 64 * 1024 + 1024 || maxFrameBytes > 64 * 1024 * 1024) {
            errors.add("the frame cap must be between 65 KiB (a file chunk) and 64 MiB");
        }
        if (security == null) {
            errors.add("the security settings are missing");
        }
        if (database == null) {
            errors.add("the database settings are missing");
        }
        if (capSignatures == null) {
            errors.add("the CAP signature settings are missing");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid controller configuration: " + String.join("; ", errors));
        }
    }

    public static ControllerConfig of(Path dataDir, int httpPort, int agentPort) {
        return new ControllerConfig(dataDir, "0.0.0.0", httpPort, "0.0.0.0", agentPort, DEFAULT_MAX_UPLOAD_BYTES,
                ProtocolVersion.DEFAULT_MAX_FRAME_BYTES, System.getenv("LOA_ADMIN_PASSWORD"), SecurityConfig.off(),
                dataDir == null ? null : DatabaseSettings.h2(dataDir), vn.loa.controller.cap.CapSignatureSettings.DEFAULT);
    }

    public ControllerConfig withAdminPassword(String password) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, maxUploadBytes, maxFrameBytes, password, security, database, capSignatures);
    }

    public ControllerConfig withHosts(String host) {
        return new ControllerConfig(dataDir, host, httpPort, host, agentPort, maxUploadBytes, maxFrameBytes, adminPassword, security, database, capSignatures);
    }

    public ControllerConfig withMaxFrameBytes(int bytes) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, maxUploadBytes, bytes, adminPassword, security, database, capSignatures);
    }

    public ControllerConfig withMaxUploadBytes(int bytes) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, bytes, maxFrameBytes, adminPassword, security, database, capSignatures);
    }

    public ControllerConfig withSecurity(SecurityConfig settings) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, maxUploadBytes, maxFrameBytes,
                adminPassword, settings, database, capSignatures);
    }

    public ControllerConfig withDatabase(DatabaseSettings settings) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, maxUploadBytes, maxFrameBytes,
                adminPassword, security, settings, capSignatures);
    }

    public ControllerConfig withCapSignatures(vn.loa.controller.cap.CapSignatureSettings settings) {
        return new ControllerConfig(dataDir, httpHost, httpPort, agentHost, agentPort, maxUploadBytes, maxFrameBytes,
                adminPassword, security, database, settings);
    }
}
