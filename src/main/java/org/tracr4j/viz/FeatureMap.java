package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which expression each residual feature belongs to. A feature is {@code label} (numerical), {@code
 * label:value} (categorical) or {@code label_selector_width_attn_output} (a selector width's hidden
 * direction); the longest expression label that fits wins, so {@code a_b:1} goes to {@code a_b}, not
 * {@code a}. Features of no expression ({@code one}) form groups of their own name.
 */
final class FeatureMap {
  private static final String WIDTH_SUFFIX = "_selector_width_attn_output";

  private final List<String> labels;
  private final String[] owner;

  FeatureMap(List<String> residualLabels, Collection<String> expressions) {
    this.labels = List.copyOf(residualLabels);
    List<String> byLength = new ArrayList<>(expressions);
    byLength.sort(Comparator.comparingInt(String::length).reversed());
    owner = new String[labels.size()];
    for (int i = 0; i < labels.size(); i++) {
      owner[i] = ownerOf(labels.get(i), byLength);
    }
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

  /** The categorical value a feature {@code expression:value} stands for, or null for other features. */
  String categoricalValue(int feature, String expression) {
    String label = labels.get(feature);
    return label.startsWith(expression + ":") ? label.substring(expression.length() + 1) : null;
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
