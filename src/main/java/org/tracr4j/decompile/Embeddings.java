package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.rasp.Value;

/**
 * Reads the token and position directions off W_E and W_pos: the dimension set for every token
 * ({@code one}), the one set only by BOS, a one-hot direction per input token ({@code tokens}) and per
 * position after BOS ({@code indices}, position p holding index p − 1). Anything else (a dense, compressed
 * embedding) is refused.
 */
final class Embeddings {
  private Embeddings() {}

  static Residual read(Model model, org.tracr4j.model.Weights weights) {
    ModelConfig c = model.config();
    int d = c.dModel();
    double[] wE = weights.wE();
    double[] wPos = weights.wPos();
    int bosId = model.vocabulary().bos();
    int padId = model.vocabulary().pad();
    int one = -1;
    int bos = -1;
    for (int dim = 0; dim < d; dim++) {
      boolean everywhere = true;
      boolean onlyBos = !Numbers.isZero(wE[bosId * d + dim]);
      for (int id = 0; id < c.dVocab(); id++) {
        double w = wE[id * d + dim];
        if (id != padId && !Numbers.close(w, 1, Numbers.SAME)) {
          everywhere = false;
        }
        if (id != bosId && id != padId && !Numbers.isZero(w)) {
          onlyBos = false;
        }
      }
      if (everywhere && one < 0) {
        one = dim;
      } else if (onlyBos && bos < 0 && Numbers.close(wE[bosId * d + dim], 1, Numbers.SAME)) {
        bos = dim;
      }
    }
    if (bos < 0) {
      throw notOneHot("embed.W_E", "no residual dimension marks BOS alone");
    }
    Residual residual = new Residual(d, one, bos);

    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    List<Integer> dims = new ArrayList<>();
    for (int id = 0; id < c.dVocab(); id++) {
      if (id == bosId || id == padId) {
        continue;
      }
      int hot = hotDimension(wE, id * d, d, residual, "embed.W_E row " + id);
      if (dims.contains(hot)) {
        throw notOneHot("embed.W_E", "tokens " + dims.indexOf(hot) + " and " + id + " share a direction");
      }
      dims.add(hot);
      names.add(Value.parseToken(model.vocabulary().tokens().get(id)));
    }
    residual.add(oneHotVariable("tokens", dims, names), "embed.W_E");

    for (int dim = 0; dim < d; dim++) {
      if (!Numbers.isZero(wPos[dim])) {
        throw notOneHot("pos_embed.W_pos", "the BOS position writes residual dimension " + dim);
      }
    }
    List<Value> indexNames = new ArrayList<>();
    List<Integer> indexDims = new ArrayList<>();
    for (int p = 1; p < c.nCtx(); p++) {
      int hot = hotDimension(wPos, p * d, d, residual, "pos_embed.W_pos row " + p);
      if (indexDims.contains(hot) || !residual.isFree(hot)) {
        throw notOneHot("pos_embed.W_pos", "position " + p + " shares a direction");
      }
      indexDims.add(hot);
      indexNames.add(Value.of((long) (p - 1)));
    }
    residual.add(oneHotVariable("indices", indexDims, indexNames), "pos_embed.W_pos");
    return residual;
  }

  private static int hotDimension(double[] w, int offset, int d, Residual residual, String where) {
    int hot = -1;
    for (int dim = 0; dim < d; dim++) {
      if (dim == residual.one) {
        continue;
      }
      double x = w[offset + dim];
      if (Numbers.isZero(x)) {
        continue;
      }
      if (hot >= 0 || !Numbers.close(x, 1, Numbers.SAME) || dim == residual.bos) {
        throw notOneHot(where, "is not a one-hot direction");
      }
      hot = dim;
    }
    if (hot < 0) {
      throw notOneHot(where, "is zero");
    }
    return hot;
  }

  private static Variable oneHotVariable(String name, List<Integer> dims, List<Value> names) {
    int n = dims.size();
    List<double[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[n];
      v[i] = 1;
      vectors.add(v);
    }
    return new Variable(name, dims.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names),
        vectors, false);
  }

  private static UndecompilableModelException notOneHot(String where, String problem) {
    return new UndecompilableModelException(where, problem
        + " (the decompiler reads uncompressed models, whose residual stream is one-hot)");
  }
}
