package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;

/**
 * A model with its residual dimensions, MLP neurons and heads (within each layer) randomly permuted, and
 * its residual labels replaced by placeholders: the same function, in a different basis.
 */
final class Permutation {
  private Permutation() {}

  static Model of(Model model, long seed) {
    Random random = new Random(seed);
    ModelConfig c = model.config();
    int d = c.dModel();
    int k = c.dHead();
    int[] r = shuffled(d, random); // new residual index of old dimension i is r[i]
    Weights w = model.weights();
    Weights p = Weights.zeros(c);
    for (int t = 0; t < c.dVocab(); t++) {
      for (int i = 0; i < d; i++) {
        p.wE()[t * d + r[i]] = w.wE()[t * d + i];
      }
    }
    for (int t = 0; t < c.nCtx(); t++) {
      for (int i = 0; i < d; i++) {
        p.wPos()[t * d + r[i]] = w.wPos()[t * d + i];
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < c.dVocabOut(); j++) {
        p.wU()[r[i] * c.dVocabOut() + j] = w.wU()[i * c.dVocabOut() + j];
      }
    }
    System.arraycopy(w.bU(), 0, p.bU(), 0, c.dVocabOut());
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer a = w.layers().get(l);
      Weights.Layer b = p.layers().get(l);
      int[] heads = shuffled(c.heads(), random);
      for (int h = 0; h < c.heads(); h++) {
        int g = heads[h];
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < k; j++) {
            b.wQ()[Weights.qkvIndex(c, g, r[i], j)] = a.wQ()[Weights.qkvIndex(c, h, i, j)];
            b.wK()[Weights.qkvIndex(c, g, r[i], j)] = a.wK()[Weights.qkvIndex(c, h, i, j)];
            b.wV()[Weights.qkvIndex(c, g, r[i], j)] = a.wV()[Weights.qkvIndex(c, h, i, j)];
            b.wO()[Weights.outputIndex(c, g, j, r[i])] = a.wO()[Weights.outputIndex(c, h, j, i)];
          }
        }
        for (int j = 0; j < k; j++) {
          b.bQ()[g * k + j] = a.bQ()[h * k + j];
          b.bK()[g * k + j] = a.bK()[h * k + j];
          b.bV()[g * k + j] = a.bV()[h * k + j];
        }
      }
      for (int i = 0; i < d; i++) {
        b.bO()[r[i]] = a.bO()[i];
        b.bOut()[r[i]] = a.bOut()[i];
      }
      int m = c.dMlp();
      int[] n = shuffled(m, random);
      for (int j = 0; j < m; j++) {
        b.bIn()[n[j]] = a.bIn()[j];
        for (int i = 0; i < d; i++) {
          b.wIn()[r[i] * m + n[j]] = a.wIn()[i * m + j];
          b.wOut()[n[j] * d + r[i]] = a.wOut()[j * d + i];
        }
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      labels.add("r" + i);
    }
    return new Model(c, p, model.vocabulary(), model.output(), labels, java.util.Map.of());
  }

  private static int[] shuffled(int n, Random random) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    return order.stream().mapToInt(Integer::intValue).toArray();
  }
}
