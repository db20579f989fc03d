package org.tracr4j.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.tracr4j.model.Circuit;

/**
 * A {@link Circuit} as JSON, the {@code tracr4j.circuit} object of config.json (docs/model-format.md):
 * {@code {"nodes": [...], "edges": [{"from": i, "to": j}, ...]}}, with reads and writes as residual labels.
 */
public final class CircuitJson {
  private CircuitJson() {}

  public static ObjectNode write(Circuit circuit) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode nodes = root.putArray("nodes");
    for (Circuit.Node node : circuit.nodes()) {
      ObjectNode entry = nodes.addObject();
      entry.put("expression", node.expression());
      entry.put("kind", node.kind());
      entry.put("layer", node.layer());
      entry.put("component", node.component().name().toLowerCase(Locale.ROOT));
      switch (node.component()) {
        case ATTN -> node.heads().forEach(entry.putArray("heads")::add);
        case MLP -> node.neurons().forEach(entry.putArray("neurons")::add);
      }
      entry.put("hook", node.hook());
      circuit.labels(node.reads()).forEach(entry.putArray("reads")::add);
      circuit.labels(node.writes()).forEach(entry.putArray("writes")::add);
    }
    ArrayNode edges = root.putArray("edges");
    for (Circuit.Edge edge : circuit.edges()) {
      edges.addObject().put("from", edge.from()).put("to", edge.to());
    }
    return root;
  }
}
