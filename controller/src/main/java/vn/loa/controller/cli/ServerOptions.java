package vn.loa.controller.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.storage.DatabaseSettings;

/**
 * The command-line options of a running controller, shared by {@code loa-controller serve} and the demo
 * ({@code loa-demo}, its own module), which extends this class.
 */
public class ServerOptions {
    @Option(names = "--data", description = "data directory (database, audio)", defaultValue = "loa-data")
    protected Path data;
    @Option(names = "--http-port", description = "HTTP port of the console and API (default ${DEFAULT-VALUE})",
            defaultValue = "8080")
    protected int httpPort;
    @Option(names = "--agent-port", description = "TCP port station agents dial (default ${DEFAULT-VALUE})",
            defaultValue = "7070")
    protected int agentPort;
    @Option(names = "--bind", description = "address to listen on (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
    protected String bind;
    @Option(names = "--max-upload-mb", description = "largest upload accepted, MiB (default ${DEFAULT-VALUE})",
            defaultValue = "64")
    protected int maxUploadMb;
    @Option(names = "--max-frame-kb", description = "largest protocol frame accepted from an agent, KiB (default ${DEFAULT-VALUE})",
            defaultValue = "1024")
    protected int maxFrameKb;
    @Option(names = "--agent-tls", paramLabel = "required|off", defaultValue = "required",
            description = "stations connect with mutual TLS 1.3 and a certificate from `loa-agent enroll` "
                    + "(required), or plain TCP with the station secret (off) (default ${DEFAULT-VALUE})")
    protected String agentTls;
    @Option(names = "--http-tls", paramLabel = "on|off",
            description = "serve the console and API over HTTPS (default: on for serve, off for the demo)")
    protected String httpTls;
    @Option(names = "--https-cert", paramLabel = "FILE", description = "certificate chain (PEM) for HTTPS; "
            + "default: a self-signed certificate made under <data>/pki/")
    protected Path httpsCert;
    @Option(names = "--https-key", paramLabel = "FILE", description = "private key (PEM) of --https-cert")
    protected Path httpsKey;
    @Option(names = "--database", paramLabel = "URL", description = "jdbc:postgresql://HOST:PORT/DATABASE to run "
            + "on PostgreSQL (docs/deployment.md); default: H2 in <data>/loa.mv.db")
    protected String database;
    @Option(names = "--database-credentials", paramLabel = "FILE", description = "properties file with user=… and "
            + "password=… for --database (default: $" + DatabaseSettings.USER_ENV + " and $"
            + DatabaseSettings.PASSWORD_ENV + ")")
    protected Path databaseCredentials;

    @Option(names = "--relay-allow", paramLabel = "HOST|ADDRESS|CIDR", split = ",", description = "a non-public "
            + "host, address or range the controller may fetch relays from (e.g. a local Icecast: 127.0.0.1); "
            + "repeatable; by default only public addresses (docs/security.md#outbound-requests)")
    protected java.util.List<String> relayAllow = new java.util.ArrayList<>();
    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS|CIDR", split = ",", description = "a reverse proxy "
            + "whose X-Forwarded-For names the client (rate limits, sign-in throttling, connection and body caps "
            + "and the audit then key on that client); repeatable; by default none: the client is the address that "
            + "connected, and no address, not even this host's, is exempt from the limits "
            + "(docs/security.md#client-addresses)")
    protected java.util.List<String> trustedProxies = new java.util.ArrayList<>();
    @Option(names = "--node-id", paramLabel = "ID", description = "this controller's name among the nodes on one "
            + "PostgreSQL database (default: host name and a random suffix)")
    protected String nodeId;
    @Option(names = "--advertise-agent", paramLabel = "HOST:PORT", description = "where stations reach this node's "
            + "agent port, named to them by a standby (default: host name and --agent-port)")
    protected String advertiseAgent;
    @Option(names = "--ca-key-file", paramLabel = "FILE", description = "on PostgreSQL: the key (32 bytes, base64) "
            + "that encrypts the station CA's key stored in the database, the same file on every node "
            + "(default: $LOA_CA_KEY_FILE; none: the CA stays under <data>/pki)")
    protected Path caKeyFile;

    @Option(names = "--cap-trust", paramLabel = "FILE", description = "a PEM certificate trusted to sign CAP alerts "
            + "(XML-DSig; a certificate it issued is trusted too); repeatable (docs/security.md#cap-alert-signatures)")
    protected java.util.List<Path> capTrust = new java.util.ArrayList<>();
    @Option(names = "--cap-unsigned", paramLabel = "accept|refuse", description = "whether CAP alerts without a "
            + "signature are taken (default: refuse once --cap-trust is given, else accept)")
    protected String capUnsigned;

    /** Whether HTTPS is on when --http-tls is not given. */
    protected boolean httpTlsByDefault() {
        return true;
    }

    public Path data() {
        return data;
    }

    public SecurityConfig security() {
        boolean agent = switch (agentTls.toLowerCase(Locale.ROOT)) {
            case "required", "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--agent-tls must be required or off, got " + agentTls);
        };
        boolean http = httpTls == null ? httpTlsByDefault() : switch (httpTls.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--http-tls must be on or off, got " + httpTls);
        };
        return SecurityConfig.secure().withAgentTls(agent).withHttpTls(http).withHttpsFiles(httpsCert, httpsKey)
                .withRelayAllow(relayAllow).withTrustedProxies(trustedProxies);
    }

    /** How this node takes part in a cluster on one PostgreSQL database (docs/deployment.md#two-controllers). */
    public vn.loa.controller.leadership.ClusterSettings cluster() {
        vn.loa.controller.leadership.ClusterSettings c = vn.loa.controller.leadership.ClusterSettings.defaults();
        if (nodeId != null) {
            c = c.withNode(nodeId);
        }
        if (advertiseAgent != null) {
            c = c.withAdvertiseAgent(advertiseAgent);
        }
        String fromEnv = System.getenv("LOA_CA_KEY_FILE");
        Path keyFile = caKeyFile != null ? caKeyFile : fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        return keyFile == null ? c : c.withCaKeyFile(keyFile);
    }

    public ControllerConfig config() {
        return ControllerConfig.of(data, httpPort, agentPort).withHosts(bind)
                .withMaxUploadBytes(Math.multiplyExact(maxUploadMb, 1024 * 1024))
                .withMaxFrameBytes(Math.multiplyExact(maxFrameKb, 1024))
                .withSecurity(security())
                .withDatabase(DatabaseSettings.resolve(database, databaseCredentials, System.getenv(), data))
                .withCapSignatures(capSignatures());
    }

    /** Unsigned CAP alerts are refused once trusted certificates are configured, unless --cap-unsigned accept. */
    public vn.loa.controller.cap.CapSignatureSettings capSignatures() {
        boolean unsigned = capUnsigned == null ? capTrust.isEmpty() : switch (capUnsigned.toLowerCase(Locale.ROOT)) {
            case "accept" -> true;
            case "refuse" -> false;
            default -> throw new IllegalArgumentException("--cap-unsigned must be accept or refuse, got " + capUnsigned);
        };
        return new vn.loa.controller.cap.CapSignatureSettings(capTrust, unsigned);
    }
}
