package vn.loa.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.agent.pki.Enroller;
import vn.loa.agent.pki.StationIdentity;

/** {@code loa-agent enroll}: a one-time token for this station's certificate (docs/security.md). */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Exchange a one-time enrollment token for this station's certificate (made on this device; "
                + "the private key never leaves it). Then `loa-agent run` connects with mutual TLS.")
final class EnrollCommand implements Callable<Integer> {
    @Option(names = "--controller", required = true, paramLabel = "HOST:PORT",
            description = "the controller's console/API address (HTTPS; or a full http:// or https:// address)")
    String controller;
    @Option(names = "--token", required = true, description = "the one-time token (dashes and case do not matter)")
    String token;
    @Option(names = "--data", defaultValue = "loa-agent-data", description = "data directory (default ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--force", description = "replace a certificate this station already has")
    boolean force;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long the controller has to answer, TLS handshake included (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (StationIdentity.exists(data) && !force) {
            System.err.println("this station already has a certificate (" + StationIdentity.file(data)
                    + "); add --force to replace it");
            return 2;
        }
        java.net.URI base;
        try {
            base = Enroller.baseUri(controller);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            if (timeoutSeconds < 1) {
                System.err.println("--timeout must be at least 1 second");
                return 2;
            }
            StationIdentity identity = Enroller.enroll(base, token, data, java.time.Duration.ofSeconds(timeoutSeconds));
            System.out.println("enrolled as station " + identity.stationId() + "; certificate valid until "
                    + identity.notAfter() + "; stored in " + StationIdentity.file(data));
            System.out.println("CA fingerprint (SHA-256): " + fingerprint(identity));
            return 0;
        } catch (Enroller.EnrollmentException e) {
            System.err.println("enrollment failed: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("enrollment failed: " + e.getMessage());
            return 1;
        }
    }

    private static String fingerprint(StationIdentity identity) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(identity.ca().getEncoded());
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
