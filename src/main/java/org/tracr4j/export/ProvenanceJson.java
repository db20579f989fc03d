package org.tracr4j.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tracr4j.model.Provenance;

/**
 * {@link Provenance} as the {@code tracr4j.provenance} object of config.json (format version 2, see
 * docs/model-format.md). Values keep their JSON type, so the string {@code "3"} and the integer {@code 3}
 * stay apart.
 */
final class ProvenanceJson {
  private static final String PATH = "tracr4j.provenance";

  private ProvenanceJson() {}

  static ObjectNode write(Provenance provenance) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    ArrayNode residual = node.putArray("residual");
    for (Provenance.Feature feature : provenance.residual()) {
      ObjectNode entry = residual.addObject();
      entry.put("label", feature.label());
      entry.put("expression", feature.expression());
      entry.put("role", lower(feature.role()));
      entry.put("encoding", lower(feature.encoding()));
      if (feature.hasValue()) {
        entry.set("value", value(feature.value()));
      }
    }
    ArrayNode expressions = node.putArray("expressions");
    for (Provenance.Expression expression : provenance.expressions()) {
      ObjectNode entry = expressions.addObject();
      entry.put("label", expression.label());
      entry.put("kind", expression.kind());
      entry.put("encoding", expression.encoding() == null ? null : lower(expression.encoding()));
      entry.put("layer", expression.layer());
      ArrayNode inputs = entry.putArray("inputs");
      expression.inputs().forEach(inputs::add);
      entry.put("origin", expression.origin());
      if (expression.precondition() != null) {
        entry.put("precondition", expression.precondition());
      }
      if (expression.neverNone() != null) {
        entry.put("never_none", expression.neverNone());
      }
    }
    ArrayNode layers = node.putArray("layers");
    for (Provenance.Layer layer : provenance.layers()) {
      ObjectNode entry = layers.addObject();
      ArrayNode heads = entry.putArray("heads");
      for (Provenance.Head head : layer.heads()) {
        heads.addObject().put("head", head.index()).put("expression", head.expression());
      }
      ArrayNode mlp = entry.putArray("mlp");
      for (Provenance.Neurons range : layer.mlp()) {
        ObjectNode r = mlp.addObject();
        r.putArray("neurons").add(range.start()).add(range.end());
        r.put("expression", range.expression());
      }
      ArrayNode neurons = entry.putArray("neurons");
      layer.neurons().forEach(neurons::add);
    }
    return node;
  }

  /** Appends a typed value: null, Boolean, Long, Double, String, or a List of those (a tuple). */
  static void addValue(ArrayNode array, Object value) {
    array.add(value(value));
  }

  private static JsonNode value(Object value) {
    return switch (value) {
      case null -> Json.MAPPER.nullNode();
      case Long l -> Json.MAPPER.getNodeFactory().numberNode(l);
      case Double d -> Json.MAPPER.getNodeFactory().numberNode(d);
      case Boolean b -> Json.MAPPER.getNodeFactory().booleanNode(b);
      case String s -> Json.MAPPER.getNodeFactory().textNode(s);
      case List<?> items -> {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(item -> array.add(value(item)));
        yield array;
      }
      default -> throw new IllegalStateException("unexpected value type " + value.getClass());
    };
  }

  /**
   * Reads {@code tracr4j.provenance}.
   *
   * @throws org.tracr4j.CorruptModelException naming the key that is missing or mistyped
   */
  static Provenance read(JsonFields json, JsonNode meta) {
    JsonNode node = json.object(meta, PATH);
    List<Provenance.Feature> residual = new ArrayList<>();
    JsonNode features = json.array(node, PATH + ".residual");
    for (int i = 0; i < features.size(); i++) {
      String path = PATH + ".residual[" + i + "]";
      JsonNode entry = object(json, features.get(i), path);
      Provenance.Role role = enumValue(json, Provenance.Role.class, entry, path + ".role");
      Provenance.Encoding encoding = enumValue(json, Provenance.Encoding.class, entry, path + ".encoding");
      boolean hasValue = role == Provenance.Role.VALUE && encoding == Provenance.Encoding.CATEGORICAL;
      Object value = hasValue ? json.value(json.field(entry, path + ".value"), path + ".value", true) : null;
      residual.add(new Provenance.Feature(json.text(entry, path + ".label"), json.text(entry, path + ".expression"),
          role, encoding, value));
    }
    List<Provenance.Expression> expressions = new ArrayList<>();
    JsonNode list = json.array(node, PATH + ".expressions");
    for (int i = 0; i < list.size(); i++) {
      String path = PATH + ".expressions[" + i + "]";
      JsonNode entry = object(json, list.get(i), path);
      Provenance.Encoding encoding = json.field(entry, path + ".encoding").isNull() ? null
          : enumValue(json, Provenance.Encoding.class, entry, path + ".encoding");
      expressions.add(new Provenance.Expression(json.text(entry, path + ".label"), json.text(entry, path + ".kind"),
          encoding, json.integer(entry, path + ".layer", -1), strings(json, entry, path + ".inputs"),
          json.textOrNull(entry, path + ".origin"),
          entry.has("precondition") ? json.text(entry, path + ".precondition") : null,
          entry.has("never_none") ? json.text(entry, path + ".never_none") : null));
    }
    List<Provenance.Layer> layers = new ArrayList<>();
    JsonNode layerList = json.array(node, PATH + ".layers");
    for (int l = 0; l < layerList.size(); l++) {
      layers.add(layer(json, object(json, layerList.get(l), PATH + ".layers[" + l + "]"), PATH + ".layers[" + l + "]"));
    }
    return new Provenance(residual, expressions, layers);
  }

  private static Provenance.Layer layer(JsonFields json, JsonNode entry, String path) {
    List<Provenance.Head> heads = new ArrayList<>();
    JsonNode headList = json.array(entry, path + ".heads");
    for (int h = 0; h < headList.size(); h++) {
      String at = path + ".heads[" + h + "]";
      JsonNode head = object(json, headList.get(h), at);
      heads.add(new Provenance.Head(json.integer(head, at + ".head", 0), json.text(head, at + ".expression")));
    }
    List<Provenance.Neurons> ranges = new ArrayList<>();
    JsonNode mlp = json.array(entry, path + ".mlp");
    for (int m = 0; m < mlp.size(); m++) {
      String at = path + ".mlp[" + m + "]";
      JsonNode range = object(json, mlp.get(m), at);
      JsonNode bounds = json.array(range, at + ".neurons");
      if (bounds.size() != 2 || !bounds.get(0).canConvertToInt() || !bounds.get(1).canConvertToInt()
          || !bounds.get(0).isIntegralNumber() || !bounds.get(1).isIntegralNumber()
          || bounds.get(0).intValue() < 0 || bounds.get(0).intValue() >= bounds.get(1).intValue()) {
        throw json.corrupt(at + ".neurons must be [start, end) with 0 <= start < end, found " + bounds);
      }
      ranges.add(new Provenance.Neurons(bounds.get(0).intValue(), bounds.get(1).intValue(),
          json.text(range, at + ".expression")));
    }
    return new Provenance.Layer(heads, ranges, strings(json, entry, path + ".neurons"));
  }

  private static JsonNode object(JsonFields json, JsonNode node, String path) {
    if (!node.isObject()) {
      throw json.corrupt(path + " must be an object");
    }
    return node;
  }

  private static List<String> strings(JsonFields json, JsonNode node, String path) {
    List<String> strings = new ArrayList<>();
    for (JsonNode item : json.array(node, path)) {
      if (!item.isTextual()) {
        throw json.corrupt(path + " holds " + item + ", not a string");
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  private static <E extends Enum<E>> E enumValue(JsonFields json, Class<E> type, JsonNode node, String path) {
    String text = json.text(node, path);
    for (E constant : type.getEnumConstants()) {
      if (lower(constant).equals(text)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add('"' + lower(constant) + '"');
    }
    throw json.corrupt(path + " must be one of " + String.join(", ", allowed) + ", found \"" + text + "\"");
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
