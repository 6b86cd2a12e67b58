package vn.loa.controller.leadership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * How this node takes part in a cluster of controllers on one PostgreSQL database (ignored on H2).
 *
 * @param node           this node's id in the lease row: unique among the nodes (default: the host name
 *                       and a random suffix, new at each start)
 * @param advertiseAgent where stations reach this node's agent port ({@code host:port}), named to them by
 *                       a standby; null: the host name and the bound agent port
 * @param policy         the lease's length
 * @param caKeyFile      the file with the key that encrypts the station CA's key in the database (the same
 *                       file on every node); null: the CA stays under {@code pki/} of each node
 */
public record ClusterSettings(String node, String advertiseAgent, LeasePolicy policy, java.nio.file.Path caKeyFile) {
    public ClusterSettings {
        if (node == null || node.isBlank() || node.length() > 200) {
            throw new IllegalArgumentException("the node id must be 1 to 200 characters, got '" + node + "'");
        }
        if (advertiseAgent != null && !advertiseAgent.matches("[^\\s:]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}")) {
            throw new IllegalArgumentException("--advertise-agent must be HOST:PORT, got '" + advertiseAgent + "'");
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(hostName() + "-" + UUID.randomUUID().toString().substring(0, 8), null,
                LeasePolicy.defaults(), null);
    }

    public ClusterSettings withNode(String id) {
        return new ClusterSettings(id, advertiseAgent, policy, caKeyFile);
    }

    public ClusterSettings withAdvertiseAgent(String hostPort) {
        return new ClusterSettings(node, hostPort, policy, caKeyFile);
    }

    public ClusterSettings withPolicy(LeasePolicy p) {
        return new ClusterSettings(node, advertiseAgent, p, caKeyFile);
    }

    public ClusterSettings withCaKeyFile(java.nio.file.Path file) {
        return new ClusterSettings(node, advertiseAgent, policy, file);
    }

    /**
     * The address to name to stations when this node's agent port is bound to {@code bindHost} at
     * {@code port}: the advertised one, else the bound address unless it is a wildcard, else the host name.
     */
    public String agentAddress(String bindHost, int port) {
        if (advertiseAgent != null) {
            return advertiseAgent;
        }
        boolean wildcard = bindHost == null || bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::");
        return (wildcard ? hostName() : bindHost.contains(":") ? "[" + bindHost + "]" : bindHost) + ":" + port;
    }

    /**
     * Where people reach this node's console: the host stations are told ({@link #agentAddress}'s) and the
     * bound HTTP port. Behind a load balancer, people use its address; this one names a node to turn to when
     * another dies (GET /api/v1/cluster).
     */
    public String consoleUrl(boolean https, String agentBindHost, int agentPort, int httpPort) {
        String agent = agentAddress(agentBindHost, agentPort);
        return (https ? "https://" : "http://") + agent.substring(0, agent.lastIndexOf(':')) + ":" + httpPort;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
