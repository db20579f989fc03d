package org.tracr4j.compiler;

import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.tracr4j.rasp.Value;

/**
 * A value set worked out when it is first read, then kept: the same set as the one {@code supplier} gives,
 * for every read (size, order, search, equality, printed form). Why: a numerical aggregate's means are
 * hundreds of numbers that a plan never reads (its output space is one direction) unless another s-op
 * reads the aggregate; whether there are too many is known from their count, before any is computed.
 * The supplier must be pure (two threads may both call it; either result is kept).
 */
final class DeferredValues extends AbstractSet<Value> implements SortedSet<Value> {
  private final Supplier<SortedSet<Value>> supplier;
  private volatile SortedSet<Value> values;

  DeferredValues(Supplier<SortedSet<Value>> supplier) {
    this.supplier = supplier;
  }

  private SortedSet<Value> values() {
    SortedSet<Value> known = values;
    if (known == null) {
      known = supplier.get();
      values = known;
    }
    return known;
  }

  @Override
  public int size() {
    return values().size();
  }

  @Override
  public boolean contains(Object o) {
    return values().contains(o);
  }

  @Override
  public Iterator<Value> iterator() {
    return values().iterator();
  }

  @Override
  public Object[] toArray() {
    return values().toArray();
  }

  @Override
  public Comparator<? super Value> comparator() {
    return values().comparator();
  }

  @Override
  public SortedSet<Value> subSet(Value fromElement, Value toElement) {
    return values().subSet(fromElement, toElement);
  }

  @Override
  public SortedSet<Value> headSet(Value toElement) {
    return values().headSet(toElement);
  }

  @Override
  public SortedSet<Value> tailSet(Value fromElement) {
    return values().tailSet(fromElement);
  }

  @Override
  public Value first() {
    return values().first();
  }

  @Override
  public Value last() {
    return values().last();
  }
}
