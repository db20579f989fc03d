package org.tracr4j.compiler;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import org.tracr4j.rasp.Value;

/**
 * An unmodifiable value set on a sorted array. Value sets are built once and then only read (iterated,
 * counted, searched), where a {@code TreeSet} pays for a tree node and rebalancing per value; a compile
 * builds a few dozen of them. Behaves as an unmodifiable {@code TreeSet} of the same values: the same
 * order ({@link Value}'s), equality, hash code and printed form, and values that compare as equal
 * ({@code 1} and {@code 1.0}) are one element, the first one added ({@code TreeSet.add} keeps the element
 * it holds).
 */
final class SortedValues extends AbstractSet<Value> implements SortedSet<Value> {
  private static final Value[] NONE = new Value[0];
  private static final SortedValues EMPTY = new SortedValues(NONE, 0, 0);

  /**
   * The values; null, for a set made by {@link #ofIncreasingNumbers}, until they are first read. Volatile,
   * so that an array listed by one thread is seen whole by another (two threads may list it twice, the
   * same values).
   */
  private volatile Value[] values;
  /** The numbers of a set made by {@link #ofIncreasingNumbers}, {@code numbers[from..to)}; else null. */
  private final double[] numbers;
  private final int from;
  private final int to;

  private SortedValues(Value[] values, int from, int to) {
    this.values = values;
    this.numbers = null;
    this.from = from;
    this.to = to;
  }

  private SortedValues(double[] numbers, int size) {
    this.numbers = numbers;
    this.from = 0;
    this.to = size;
  }

  /**
   * The set of the strictly increasing {@code numbers[0..size)} (so increasing as values too), each the
   * value {@link #number} makes of it, listed as values only when first read (kept, not copied).
   *
   * <p>Why: a numerical aggregate's means run to thousands, and a plan mostly counts them (its output
   * space is one dimension); boxing each into a value on the way out of inference was half its time.
   */
  static SortedValues ofIncreasingNumbers(double[] numbers, int size) {
    return size == 0 ? EMPTY : new SortedValues(numbers, size);
  }

  /** A number as a value: an integer when it is one (below 10^15 in magnitude), else a double. */
  static Value number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Value.of((long) x) : Value.of(x);
  }

  /** The array that holds this set's values at {@code from..to}, listed now if they were not yet. */
  private Value[] values() {
    Value[] listed = values;
    if (listed == null) {
      listed = new Value[to];
      for (int i = 0; i < to; i++) {
        listed[i] = number(numbers[i]);
      }
      values = listed;
    }
    return listed;
  }

  /** The set of {@code values}, sorted, the first of each group of equal values kept. */
  static SortedValues of(Collection<Value> values) {
    if (values instanceof java.util.List<Value> list && increasing(list)) { // a vocabulary, usually
      return list.isEmpty() ? EMPTY : new SortedValues(list.toArray(NONE), 0, list.size());
    }
    Builder builder = new Builder(values.size());
    for (Value v : values) {
      builder.add(v);
    }
    return builder.build();
  }

  /** Whether each value orders strictly after the one before it. */
  static boolean increasing(java.util.List<Value> values) {
    for (int i = 1; i < values.size(); i++) {
      if (!before(values.get(i - 1), values.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a} orders before {@code b}; two integers (a vocabulary, usually) compared here, without
   * a call through the interface.
   */
  private static boolean before(Value a, Value b) {
    if (a instanceof Value.Int x && b instanceof Value.Int y) {
      return x.value() < y.value();
    }
    return a.compareTo(b) < 0;
  }

  /**
   * The set of {@code values} given in increasing order (as {@link #of} would sort them, none equal to the
   * one before); checked, in linear time, and sorted like {@link #of} when they are not.
   */
  static SortedValues ofIncreasing(Value[] values) {
    for (int i = 1; i < values.length; i++) {
      if (!before(values[i - 1], values[i])) {
        return of(Arrays.asList(values));
      }
    }
    return values.length == 0 ? EMPTY : new SortedValues(values, 0, values.length);
  }

  /**
   * {@link #ofIncreasing} where the caller has already checked the order (on the numbers it made the values
   * from, without comparing values): {@code values} must be strictly increasing in {@link Value}'s order.
   */
  static SortedValues ofIncreasingUnchecked(Value[] values) {
    return values.length == 0 ? EMPTY : new SortedValues(values, 0, values.length);
  }

  /** The integers {@code from..to} (none when {@code to < from}). */
  static SortedValues range(long from, long to) {
    if (to < from) {
      return EMPTY;
    }
    Value[] values = new Value[Math.toIntExact(to - from + 1)];
    for (int i = 0; i < values.length; i++) {
      values[i] = Value.of(from + i);
    }
    return new SortedValues(values, 0, values.length);
  }

  /**
   * Collects values in any order, with repeats: a repeat is dropped as it is added (a hash set of the
   * distinct values; {@link Value#equals} is the order's equality), and {@link #build} sorts the rest once.
   * A function of many pairs usually has few distinct results.
   */
  static final class Builder {
    private Value[] distinct;
    private int size;
    /** Open addressing, linear probing: each slot holds 0 (free) or an index + 1 into {@code distinct}. */
    private int[] slots;

    Builder() {
      this(8);
    }

    Builder(int expected) {
      distinct = new Value[Math.max(4, Math.min(expected, 1 << 16))];
      slots = new int[tableSize(distinct.length)];
    }

    private static int tableSize(int capacity) {
      return Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
    }

    Builder add(Value value) {
      // A function's results are mostly a few shared objects (true, false, small integers): the very object
      // found among the first distinct values needs no hash.
      for (int k = 0; k < size && k < 4; k++) {
        if (distinct[k] == value) {
          return this;
        }
      }
      int mask = slots.length - 1;
      int slot = slot(value.hashCode());
      for (int held = slots[slot]; held != 0; held = slots[slot]) {
        if (distinct[held - 1].equals(value)) {
          return this;
        }
        slot = (slot + 1) & mask;
      }
      if (size == distinct.length) {
        distinct = Arrays.copyOf(distinct, size * 2);
      }
      distinct[size++] = value;
      slots[slot] = size;
      if (size * 2 > slots.length) {
        rehash();
      }
      return this;
    }

    Builder addAll(Collection<Value> values) {
      for (Value v : values) {
        add(v);
      }
      return this;
    }

    private void rehash() {
      slots = new int[slots.length * 2];
      int mask = slots.length - 1;
      for (int i = 0; i < size; i++) {
        int slot = slot(distinct[i].hashCode());
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = i + 1;
      }
    }

    /**
     * Sorts {@code values} in place when all are integers (the common case: widths, indices, counts), by a
     * primitive sort of their keys instead of comparisons through {@link Value#compareTo}; false, leaving
     * them as they are, otherwise. The integers are distinct (equal integers are one value), so any order
     * among equals does not arise.
     */
    private static boolean sortedAsIntegers(Value[] values) {
      long[] keys = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] instanceof Value.Int integer)) {
          return false;
        }
        keys[i] = integer.value();
      }
      Arrays.sort(keys);
      for (int i = 0; i < values.length; i++) {
        values[i] = Value.of(keys[i]);
      }
      return true;
    }

    /**
     * {@link #sortedAsIntegers} for doubles: among distinct doubles (equal ones are one value, and so are
     * 0.0 and -0.0) the primitive order is {@link Value}'s, NaN last in both.
     */
    private static boolean sortedAsReals(Value[] values) {
      double[] keys = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] instanceof Value.Real real)) {
          return false;
        }
        keys[i] = real.value();
      }
      Arrays.sort(keys);
      for (int i = 0; i < values.length; i++) {
        values[i] = Value.of(keys[i]);
      }
      return true;
    }

    /**
     * The slot of a hash code: Fibonacci hashing, the high bits of the product, as the hash codes of
     * fractions (k / n as doubles) share most of their low bits, which linear probing would pile up.
     */
    private int slot(int hash) {
      return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(slots.length));
    }

    SortedValues build() {
      if (size == 0) {
        return EMPTY;
      }
      Value[] sorted = Arrays.copyOf(distinct, size);
      if (size >= 16 && (sortedAsIntegers(sorted) || sortedAsReals(sorted))) {
        return new SortedValues(sorted, 0, size);
      }
      // Stable, so values that compare as equal but differ in equals keep the order they were added in.
      Arrays.sort(sorted);
      int kept = 1;
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[kept - 1].compareTo(sorted[i]) != 0) {
          sorted[kept++] = sorted[i];
        }
      }
      return new SortedValues(sorted, 0, kept);
    }
  }

  @Override
  public int size() {
    return to - from;
  }

  /** The values of {@code set} in its order, in a new array: a walk by index, without an iterator. */
  static Value[] toValues(SortedSet<Value> set) {
    return set instanceof SortedValues sorted
        ? Arrays.copyOfRange(sorted.values(), sorted.from, sorted.to)
        : set.toArray(NONE);
  }

  @Override
  public boolean isEmpty() {
    return to == from;
  }

  @Override
  public boolean contains(Object o) {
    if (numbers != null && !(o instanceof Value v && v.isNumber())) {
      return false; // a set of numbers holds nothing else (none, asked often, included), listed or not
    }
    return o instanceof Value v && Arrays.binarySearch(values(), from, to, v) >= 0;
  }

  @Override
  public Iterator<Value> iterator() {
    Value[] values = values();
    return new Iterator<>() {
      private int next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public Value next() {
        if (next >= to) {
          throw new NoSuchElementException();
        }
        return values[next++];
      }
    };
  }

  @Override
  public Object[] toArray() {
    return Arrays.copyOfRange(values(), from, to, Object[].class);
  }

  @Override
  public Comparator<? super Value> comparator() {
    return null;
  }

  @Override
  public Value first() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    return values()[from];
  }

  @Override
  public Value last() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    return values()[to - 1];
  }

  @Override
  public SortedSet<Value> subSet(Value fromElement, Value toElement) {
    if (fromElement.compareTo(toElement) > 0) {
      throw new IllegalArgumentException("fromKey > toKey");
    }
    return new SortedValues(values(), lowerBound(fromElement), lowerBound(toElement));
  }

  @Override
  public SortedSet<Value> headSet(Value toElement) {
    return new SortedValues(values(), from, lowerBound(toElement));
  }

  @Override
  public SortedSet<Value> tailSet(Value fromElement) {
    return new SortedValues(values(), lowerBound(fromElement), to);
  }

  /** The position of the first element not less than {@code value}. */
  private int lowerBound(Value value) {
    Value[] values = values();
    int low = from;
    int high = to;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (values[middle].compareTo(value) < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
