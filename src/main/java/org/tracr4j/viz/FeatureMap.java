package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;

/**
 * Which expression each residual feature belongs to, and the value a categorical feature stands for.
 * Read from the model's provenance when it has one; for a model without (a format-1 directory) guessed
 * from the labels: a feature is {@code label} (numerical), {@code label:value} (categorical) or {@code
 * label_selector_width_attn_output}, and the longest expression label that fits wins (so {@code a_b:1}
 * goes to {@code a_b}, not {@code a}). Features of no expression ({@code one}) form groups of their own.
 */
final class FeatureMap {
  private static final String WIDTH_SUFFIX = "_selector_width_attn_output";

  private final List<String> labels;
  private final String[] owner;
  private final String[] value; // the categorical value's text, null for other features

  private FeatureMap(List<String> labels, String[] owner, String[] value) {
    this.labels = List.copyOf(labels);
    this.owner = owner;
    this.value = value;
  }

  static FeatureMap of(Model model, Collection<String> expressions) {
    return model.provenance().map(FeatureMap::of).orElseGet(() -> guessed(model.residualLabels(), expressions));
  }

  static FeatureMap of(Provenance provenance) {
    List<Provenance.Feature> features = provenance.residual();
    String[] owner = new String[features.size()];
    String[] value = new String[features.size()];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      Provenance.Feature feature = features.get(i);
      labels.add(feature.label());
      owner[i] = feature.expression();
      if (feature.hasValue()) {
        value[i] = feature.value() == null ? "none"
            : feature.label().substring(Math.min(feature.label().length(), feature.expression().length() + 1));
      }
    }
    return new FeatureMap(labels, owner, value);
  }

  static FeatureMap guessed(List<String> residualLabels, Collection<String> expressions) {
    List<String> byLength = new ArrayList<>(expressions);
    byLength.sort(Comparator.comparingInt(String::length).reversed());
    String[] owner = new String[residualLabels.size()];
    String[] value = new String[residualLabels.size()];
    for (int i = 0; i < residualLabels.size(); i++) {
      String feature = residualLabels.get(i);
      owner[i] = ownerOf(feature, byLength);
      if (feature.startsWith(owner[i] + ":")) {
        value[i] = feature.substring(owner[i].length() + 1);
      }
    }
    return new FeatureMap(residualLabels, owner, value);
  }

  private static String ownerOf(String feature, List<String> expressionsByLength) {
    for (String expression : expressionsByLength) {
      if (feature.equals(expression) || feature.startsWith(expression + ":")
          || feature.equals(expression + WIDTH_SUFFIX)) {
        return expression;
      }
    }
    int colon = feature.indexOf(':');
    return colon < 0 ? feature : feature.substring(0, colon);
  }

  int size() {
    return labels.size();
  }

  String label(int feature) {
    return labels.get(feature);
  }

  /** The expression (or stand-alone group name) feature {@code feature} belongs to. */
  String owner(int feature) {
    return owner[feature];
  }

  /** The categorical value feature {@code feature} of {@code expression} stands for, or null. */
  String categoricalValue(int feature, String expression) {
    return owner[feature].equals(expression) ? value[feature] : null;
  }

  /** The features of each group, groups in {@code order} first (those with features), then the rest. */
  Map<String, List<Integer>> groups(List<String> order) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (String name : order) {
      groups.put(name, new ArrayList<>());
    }
    for (int i = 0; i < labels.size(); i++) {
      groups.computeIfAbsent(owner[i], name -> new ArrayList<>()).add(i);
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }
}
