package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.loa.controller.leadership.ControllerNodes;
import vn.loa.controller.leadership.Lease;
import vn.loa.controller.leadership.Leadership;

/**
 * {@code GET /api/v1/cluster} (any signed-in account): this node, whether it leads, the leader as last read
 * from the lease, and the nodes seen lately with their console address — what the console names when a live
 * announcement ends because its node died or stopped leading (docs/api.md#cluster).
 */
public final class ClusterEndpoints {
    private final Leadership leadership;
    private final Supplier<List<ControllerNodes.Node>> nodes;

    /** @param nodes the nodes seen lately (this one alone on H2) */
    public ClusterEndpoints(Leadership leadership, Supplier<List<ControllerNodes.Node>> nodes) {
        this.leadership = leadership;
        this.nodes = nodes;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/cluster", r -> ApiResponse.ok(view()));
    }

    private Map<String, Object> view() {
        Lease lease = leadership.leader();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", leadership.node());
        out.put("leading", leadership.isServing());
        Map<String, Object> leader = new LinkedHashMap<>();
        leader.put("node", lease.holder().isEmpty() ? null : lease.holder());
        leader.put("agentAddress", lease.agentAddress().isEmpty() ? null : lease.agentAddress());
        out.put("leader", leader);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ControllerNodes.Node n : nodes.get()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.node());
            m.put("consoleUrl", n.consoleUrl());
            m.put("leading", n.node().equals(lease.holder()));
            list.add(m);
        }
        out.put("nodes", list);
        return out;
    }
}
