package org.tracr4j.rasp;

/**
 * The fluent Java API: static builders that read close to RASP.
 *
 * <pre>{@code
 * SOp oppIndex = length().subtract(indices()).subtract(1).named("opp_index");
 * Selector flip = select(indices(), oppIndex, Comparison.EQ).named("flip");
 * SOp reverse = aggregate(flip, tokens()).named("reverse");
 * }</pre>
 */
public final class Rasp {
  private static final Tokens TOKENS = new Tokens(Meta.sop());
  private static final Indices INDICES = new Indices(Meta.sop());

  private Rasp() {}

  /** The input tokens (one shared instance; tokens are the same primitive however they are annotated). */
  public static SOp tokens() {
    return TOKENS;
  }

  public static SOp indices() {
    return INDICES;
  }

  /**
   * The compilable length: {@code selector_width(select(tokens, tokens, true))} named "length", as in Tracr's
   * library. Each call builds a new expression.
   */
  public static SOp length() {
    Selector all = select(tokens(), tokens(), Comparison.TRUE).named("all_true_selector");
    return selectorWidth(all).named("length");
  }

  /** The length primitive {@code [n] * n}: evaluates, but is not compilable (use {@link #length()}). */
  public static SOp lengthPrimitive() {
    return new Length(Meta.sop());
  }

  /**
   * {@code f} applied element-wise; a map over an unnamed map is folded into one map (for two lambdas, one
   * lambda: {@link Lambda#compose}).
   */
  public static SOp map(UnaryFunction f, SOp inner) {
    if (inner instanceof ElementwiseMap innerMap && !innerMap.meta().hasName()) {
      UnaryFunction g = innerMap.function();
      UnaryFunction composed = f instanceof Lambda outer && g instanceof Lambda first
          ? Lambda.compose(outer, first)
          : UnaryFunction.described(f + " . " + g, x -> {
            Value y = g.apply(x);
            return y.isNone() ? Value.NONE : f.apply(y);
          });
      return new ElementwiseMap(composed, innerMap.inner(), Meta.sop());
    }
    return new ElementwiseMap(f, inner, Meta.sop());
  }

  public static SOp sequenceMap(BinaryFunction f, SOp first, SOp second) {
    return new SequenceMap(f, first, second, Meta.sop());
  }

  /** {@code firstFactor * first + secondFactor * second}. */
  public static SOp linearSequenceMap(SOp first, SOp second, Object firstFactor, Object secondFactor) {
    return new LinearSequenceMap(first, second, Value.ofJava(firstFactor), Value.ofJava(secondFactor),
        Meta.sop());
  }

  public static SOp full(Object fill) {
    return new Full(Value.ofJava(fill), Meta.sop());
  }

  public static Select select(SOp keys, SOp queries, SelectorPredicate predicate) {
    return new Select(keys, queries, predicate, Meta.selector());
  }

  /** Aggregate with default none. */
  public static SOp aggregate(Selector selector, SOp sop) {
    return aggregate(selector, sop, null);
  }

  public static SOp aggregate(Selector selector, SOp sop, Object defaultValue) {
    return new Aggregate(selector, sop, Value.ofJava(defaultValue), Meta.sop());
  }

  /** A numerical aggregate with default 0 (the mean of a numerical s-op over the selection). */
  public static SOp numericalAggregate(Selector selector, SOp sop) {
    return aggregate(selector, sop, 0).numerical();
  }

  public static SOp selectorWidth(Selector selector) {
    return new SelectorWidth(selector, Meta.sop());
  }

  public static SOp numerical(SOp sop) {
    return sop.numerical();
  }

  public static SOp categorical(SOp sop) {
    return sop.categorical();
  }

  public static Selector and(Selector first, Selector second) {
    return Selectors.and(first, second);
  }

  public static Selector or(Selector first, Selector second) {
    return Selectors.or(first, second);
  }

  public static Selector not(Selector selector) {
    return Selectors.not(selector);
  }

}
