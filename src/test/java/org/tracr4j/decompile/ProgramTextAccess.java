package org.tracr4j.decompile;

/** Debugging aid: prints what is recovered before verification. */
public final class ProgramTextAccess {
  public static void print(org.tracr4j.model.Model m) {
    ProgramText t = new ProgramText();
    try {
      String out = Decompiler.recover(m, t);
      System.out.println(t.text("", out));
    } catch (RuntimeException e) {
      System.out.println(t.text("", "?"));
      throw e;
    }
  }

  public static void time(org.tracr4j.model.Model m) {
    Decompiler.recover(m, new ProgramText());
  }

  public static org.tracr4j.model.Model permuted(org.tracr4j.model.Model m, long seed) {
    return Permutation.of(m, seed);
  }
}
