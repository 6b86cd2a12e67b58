package vn.loa.agent.link;

/**
 * The version this agent reports in its Hello and heartbeats: the release the launcher started (its directory
 * name, LOA_AGENT_RELEASE), else the jar manifest's Implementation-Version, else the built-in one.
 */
public final class AgentVersion {

    private AgentVersion() {
    }

    public static String running(String builtIn) {
        return of(System.getenv("LOA_AGENT_RELEASE"), AgentVersion.class.getPackage().getImplementationVersion(), builtIn);
    }

    static String of(String release, String manifest, String builtIn) {
        if (release != null && !release.isBlank()) {
            return release.strip();
        }
        return manifest != null && !manifest.isBlank() ? manifest.strip() : builtIn;
    }
}
