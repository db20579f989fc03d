package org.tracr4j.rasp;

/**
 * A map from expressions, by identity ({@link RaspExpr#id()}), to values: what every compiler pass keeps
 * per expression (labels, value sets, blocks). Open addressing on the ids themselves, where a
 * {@code HashMap<Long, V>} boxes the id on every lookup; a compile makes a few dozen lookups per
 * expression. Null values are not stored ({@link #get} returns null for a missing key).
 *
 * @param <V> the value type
 */
public final class ExpressionMap<V> {
  private long[] ids;
  private Object[] values;
  private int size;
  private boolean frozen;

  /** An empty map whose table is allocated by the first {@link #put}: many maps stay empty. */
  public ExpressionMap() {
    ids = NO_IDS;
    values = NO_VALUES;
  }

  private static final long[] NO_IDS = new long[0];
  private static final Object[] NO_VALUES = new Object[0];
  private static final int FIRST_CAPACITY = 8;

  /** A map that holds {@code expected} entries without growing. */
  public ExpressionMap(int expected) {
    int capacity = 4;
    while (capacity * 3L < expected * 4L) {
      capacity <<= 1;
    }
    ids = new long[capacity];
    values = new Object[capacity];
  }

  /** The value of {@code expr}, or null. */
  @SuppressWarnings("unchecked")
  public V get(RaspExpr expr) {
    if (size == 0) {
      return null;
    }
    long id = expr.meta().id(); // not expr.id(): one interface call fewer, see RaspExpr#id
    int mask = ids.length - 1;
    for (int slot = slot(id, mask); values[slot] != null; slot = (slot + 1) & mask) {
      if (ids[slot] == id) {
        return (V) values[slot];
      }
    }
    return null;
  }

  public boolean containsKey(RaspExpr expr) {
    return get(expr) != null;
  }

  /** Sets the value of {@code expr} (not null); returns the value it had, or null. */
  @SuppressWarnings("unchecked")
  public V put(RaspExpr expr, V value) {
    if (frozen) {
      throw new UnsupportedOperationException("the map is frozen");
    }
    if (value == null) {
      throw new IllegalArgumentException("null value for " + expr.describe());
    }
    if (ids.length == 0) {
      ids = new long[FIRST_CAPACITY];
      values = new Object[FIRST_CAPACITY];
    }
    long id = expr.meta().id(); // not expr.id(): one interface call fewer, see RaspExpr#id
    int mask = ids.length - 1;
    int slot = slot(id, mask);
    for (; values[slot] != null; slot = (slot + 1) & mask) {
      if (ids[slot] == id) {
        Object old = values[slot];
        values[slot] = value;
        return (V) old;
      }
    }
    ids[slot] = id;
    values[slot] = value;
    if (++size * 4 > ids.length * 3) { // at most three quarters full: probes stay short, a slot stays free
      grow();
    }
    return null;
  }

  /** Makes this map read-only ({@link #put} fails from now on) and returns it: what a pass hands on. */
  public ExpressionMap<V> freeze() {
    frozen = true;
    return this;
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] oldIds = ids;
    Object[] oldValues = values;
    ids = new long[oldIds.length * 2];
    values = new Object[oldValues.length * 2];
    int mask = ids.length - 1;
    for (int i = 0; i < oldIds.length; i++) {
      if (oldValues[i] != null) {
        int slot = slot(oldIds[i], mask);
        while (values[slot] != null) {
          slot = (slot + 1) & mask;
        }
        ids[slot] = oldIds[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /**
   * Fibonacci hashing, the top bits of the product: ids are consecutive counters, which it spreads over the
   * table ({@code mask + 1} slots, a power of two).
   */
  private static int slot(long id, int mask) {
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
  }
}
