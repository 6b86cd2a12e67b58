package vn.loa.controller.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * The TLS implementation of the station gateway: OpenSSL (BoringSSL from netty-tcnative, statically
 * linked, x86-64 and aarch64 Linux libraries in the jar) when it loads — it costs less CPU per station
 * and far less memory per connection than the JDK's engine (docs/performance.md) — and the JDK's TLS
 * anywhere else. {@code -Dloa.tls.provider=jdk} forces the JDK; {@code =openssl} insists on OpenSSL and
 * fails at start when it cannot load. OpenSSL is used reference-counted: each connection's engine is freed
 * by its TLS handler when the connection closes, not later by the garbage collector.
 */
public record TlsEngine(String name, SslProvider provider) {
    public static final String PROPERTY = "loa.tls.provider";

    private static final TlsEngine JDK = new TlsEngine("jdk", SslProvider.JDK);
    private static final TlsEngine OPENSSL = new TlsEngine("openssl", SslProvider.OPENSSL_REFCNT);

    /** The engine the {@value #PROPERTY} system property asks for (default {@code auto}). */
    public static TlsEngine select() {
        return select(System.getProperty(PROPERTY, "auto"));
    }

    /** @throws IllegalArgumentException for an unknown choice, or OpenSSL asked for where it cannot load */
    public static TlsEngine select(String choice) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> openSslLoads() ? OPENSSL : JDK;
            case "jdk" -> JDK;
            case "openssl" -> {
                if (!openSslLoads()) {
                    throw new IllegalArgumentException("-D" + PROPERTY + "=openssl: OpenSSL (netty-tcnative) does not load "
                            + "here (" + OpenSsl.unavailabilityCause() + "); use auto or jdk");
                }
                yield OPENSSL;
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + ": unknown TLS provider; use auto, openssl or jdk");
        };
    }

    private static boolean openSslLoads() {
        try {
            return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL);
        } catch (LinkageError e) { // the classes are there but not for this platform
            return false;
        }
    }

    /** What the gateway's log line says, e.g. {@code openssl (BoringSSL)}. */
    public String describe() {
        return this == OPENSSL ? name + " (" + OpenSsl.versionString() + ")" : name + " (" + Runtime.version() + ")";
    }
}
