package org.tracr4j.craft;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable vector space given by a basis of named directions, always sorted (tracr-reference.md §3.2)
 * and without duplicates. Two spaces are equal when their bases are.
 *
 * <p>{@link #indexOf} is a hash lookup (the map is built on first use); hot loops should translate a
 * whole space once with {@link #indicesIn} and then work on plain indices.
 */
public final class VectorSpace {
  private static final BasisDirection[] NONE = new BasisDirection[0];
  private static final VectorSpace EMPTY = new VectorSpace(NONE);

  /** The sorted basis; never changed after construction (hot loops read it, not {@link #basis}). */
  private final BasisDirection[] directions;
  /** The list view of {@link #directions}, made on the first {@link #basis()} call: most spaces never need it. */
  private List<BasisDirection> basis;
  /**
   * Direction to position, built on the first lookup: many spaces (hidden layers, intermediate joins) are
   * never searched. An open-addressing table of {hash, key position + 1, position} triples (the key is the
   * first of equal directions, the position the last, as a map's put keeps them), so a lookup neither boxes nor
   * allocates. Volatile, so a table built by one thread is seen complete by others; two threads racing
   * merely build equal tables.
   */
  private volatile int[] index;

  /** Takes {@code sortedDistinct} as it is: the caller hands over an array nobody changes later. */
  private VectorSpace(BasisDirection[] sortedDistinct) {
    this.directions = sortedDistinct;
  }

  /** The unmodifiable list view of a space's basis array. */
  private static final class Basis extends AbstractList<BasisDirection> implements RandomAccess {
    private final VectorSpace space;
    private final BasisDirection[] directions;

    Basis(VectorSpace space) {
      this.space = space;
      this.directions = space.directions;
    }

    @Override
    public BasisDirection get(int i) {
      return directions[i];
    }

    @Override
    public int size() {
      return directions.length;
    }

    @Override
    public Object[] toArray() {
      return directions.clone();
    }
  }

  private static VectorSpace of(BasisDirection[] sortedDistinct, int length) {
    if (length == 0) {
      return EMPTY;
    }
    return new VectorSpace(length == sortedDistinct.length ? sortedDistinct : Arrays.copyOf(sortedDistinct, length));
  }

  private int[] index() {
    int[] built = index;
    if (built == null) {
      built = new int[3 * capacity(directions.length)];
      int mask = built.length / 3 - 1;
      for (int i = 0; i < directions.length; i++) {
        BasisDirection direction = directions[i];
        int hash = direction.hashCode();
        int slot = slot(hash, mask);
        while (built[3 * slot + 1] != 0 && !(built[3 * slot] == hash
            && (directions[built[3 * slot + 1] - 1] == direction || direction.equals(directions[built[3 * slot + 1] - 1])))) {
          slot = (slot + 1) & mask;
        }
        if (built[3 * slot + 1] == 0) {
          built[3 * slot] = hash;
          built[3 * slot + 1] = i + 1;
        }
        // A direction equal to an earlier one (possible only where values order inconsistently) keeps the
        // earlier one as the key and takes over its position, as a map's put does.
        built[3 * slot + 2] = i;
      }
      index = built;
    }
    return built;
  }

  /** A power of two at least twice {@code n}: the table stays at most half full. */
  private static int capacity(int n) {
    return n < 2 ? 2 : Integer.highestOneBit(2 * n - 1) << 1;
  }

  /**
   * The first slot of {@code hash} in a table of {@code mask + 1} (a power of two) slots: Fibonacci hashing
   * (the product's top bits), because the hashes of one name's directions are often consecutive integers,
   * and consecutive slots would make long probe runs where two names' runs meet.
   */
  private static int slot(int hash, int mask) {
    return (hash * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
  }

  /** The space spanned by the given directions, sorted, duplicates removed. */
  public static VectorSpace of(Collection<BasisDirection> directions) {
    if (directions.isEmpty()) {
      return EMPTY;
    }
    if (directions instanceof Basis view) {
      return view.space; // another space's basis: that space
    }
    return ofArray(directions.toArray(NONE));
  }

  /** {@link #of(Collection)} of an array the caller no longer uses. */
  private static VectorSpace ofArray(BasisDirection[] given) {
    if (given.length == 0) {
      return EMPTY;
    }
    for (BasisDirection direction : given) {
      java.util.Objects.requireNonNull(direction, "direction");
    }
    if (strictlyIncreasing(given)) {
      return new VectorSpace(given); // already what the sort and de-duplication below would give
    }
    // Sort first, then drop duplicates: equal directions compare as 0, so they meet within one run of
    // neighbours that compare as 0, and the stable sort keeps that run in input order. Keeping the first of
    // each equal group gives what de-duplicating in input order and then sorting gives, without hashing
    // every direction into a set.
    Arrays.sort(given);
    BasisDirection[] distinct = new BasisDirection[given.length];
    int count = 0;
    int runStart = 0;
    for (BasisDirection direction : given) {
      if (count > 0 && distinct[count - 1].compareTo(direction) != 0) {
        runStart = count;
      }
      boolean seen = false;
      for (int k = runStart; k < count && !seen; k++) {
        seen = direction.equals(distinct[k]);
      }
      if (!seen) {
        distinct[count++] = direction;
      }
    }
    return of(distinct, count);
  }

  /** Whether each direction orders after the one before it (so none repeats). */
  private static boolean strictlyIncreasing(BasisDirection[] directions) {
    for (int i = 1; i < directions.length; i++) {
      if (directions[i - 1].compareTo(directions[i]) >= 0) {
        return false;
      }
    }
    return true;
  }

  public static VectorSpace of(BasisDirection... directions) {
    return ofArray(directions.clone());
  }

  /** Directions with the given names and no value. */
  public static VectorSpace fromNames(String... names) {
    BasisDirection[] directions = new BasisDirection[names.length];
    for (int i = 0; i < names.length; i++) {
      directions[i] = new BasisDirection(names[i]);
    }
    return ofArray(directions);
  }

  /** Directions {@code name:v} for each value. */
  public static VectorSpace fromValues(String name, Collection<?> values) {
    return ofArray(directions(name, values));
  }

  private static BasisDirection[] directions(String name, Collection<?> values) {
    // Listed once, then walked by index: one call on the collection, not two per value through an iterator.
    Object[] listed = values.toArray();
    BasisDirection[] directions = new BasisDirection[listed.length];
    for (int i = 0; i < listed.length; i++) {
      directions[i] = new BasisDirection(name, listed[i]);
    }
    return directions;
  }

  /**
   * The space of {@code directions} given in basis order, none equal to the one before: what {@link
   * #of(Collection)} gives, without comparing them (the caller knows the order from how it made them, and
   * the comparisons go through each value's own {@code compareTo}). Checked only with assertions on.
   */
  public static VectorSpace ofIncreasing(List<BasisDirection> directions) {
    if (directions instanceof Basis view) {
      return view.space;
    }
    return increasing(directions.toArray(NONE));
  }

  /**
   * {@link #fromValues} of values the caller knows to be strictly increasing in the value order of {@link
   * BasisDirection} (a sorted set of values whose {@code compareTo} that order calls, such as RASP values in
   * their natural order), without comparing them again. Checked only with assertions on.
   */
  public static VectorSpace fromIncreasingValues(String name, Collection<?> values) {
    return increasing(directions(name, values));
  }

  private static VectorSpace increasing(BasisDirection[] directions) {
    if (directions.length == 0) {
      return EMPTY;
    }
    for (BasisDirection direction : directions) {
      java.util.Objects.requireNonNull(direction, "direction");
    }
    assert strictlyIncreasing(directions) : "not in basis order: " + Arrays.toString(directions);
    return new VectorSpace(directions);
  }

  public static VectorSpace empty() {
    return EMPTY;
  }

  private static final VectorSpace[] NO_SPACES = new VectorSpace[0];

  /** The sorted union of the spaces; overlaps are allowed. */
  public static VectorSpace join(VectorSpace... spaces) {
    return spaces.length == 1 ? spaces[0] : joinAll(spaces);
  }

  public static VectorSpace join(Collection<VectorSpace> spaces) {
    return spaces.size() == 1 ? spaces.iterator().next() : joinAll(spaces.toArray(NO_SPACES));
  }

  /**
   * {@link #join} of an array it does not change or keep. It works on the array, not a collection: the
   * loops then need no iterator (which the JIT does not always remove).
   */
  private static VectorSpace joinAll(VectorSpace[] spaces) {
    int count = spaces.length;
    if (count == 2) {
      return joinTwo(spaces[0], spaces[1]);
    }
    // Each basis is already sorted and distinct, so merge them instead of sorting their concatenation:
    // neighbours pairwise, round after round, which keeps the input order among ties (as the stable sort
    // in of does) and shrinks the lists early where the spaces overlap. (Where values order inconsistently
    // the result depends on which lists meet, so this order of merges is part of the result.)
    BasisDirection[][] round = new BasisDirection[count][];
    int[] lengths = new int[count];
    int n = 0;
    for (VectorSpace space : spaces) {
      round[n] = space.directions;
      lengths[n++] = space.directions.length;
    }
    while (n > 1) {
      int next = 0;
      for (int i = 0; i < n; i += 2) {
        if (i + 1 < n) {
          BasisDirection[] merged = mergeDistinct(round[i], lengths[i], round[i + 1], lengths[i + 1], lengths, next);
          if (merged == null) {
            return ofArray(concatenation(spaces));
          }
          round[next++] = merged;
        } else {
          round[next] = round[i];
          lengths[next++] = lengths[i];
        }
      }
      n = next;
    }
    if (n == 0 || lengths[0] == 0) {
      return EMPTY;
    }
    for (VectorSpace space : spaces) {
      if (space.directions == round[0]) {
        return space; // the union is this input (the others empty or the same)
      }
    }
    return of(round[0], lengths[0]);
  }

  /**
   * {@link #join} of spaces whose values order consistently (two directions compare as 0 only when equal),
   * such as a residual stream's parts, which mostly repeat each other: a head reads the spaces its inputs'
   * blocks write. Directions of different names order by name alone, so the union is, name by name, the
   * union of that name's runs in the parts, and those runs are nearly always equal or nested: they are
   * compared, merged only where neither holds the other, and copied out once.
   */
  public static VectorSpace joinOverlapping(List<VectorSpace> spaces) {
    // Per name (in order of first appearance): the run that holds every direction of it seen so far.
    int capacity = 8;
    BasisDirection[][] runs = new BasisDirection[capacity][];
    int[] from = new int[capacity];
    int[] to = new int[capacity];
    int names = 0;
    int total = 0;
    for (int s = 0; s < spaces.size(); s++) {
      BasisDirection[] part = spaces.get(s).directions;
      for (int start = 0; start < part.length;) {
        String name = part[start].name();
        int end = start + 1;
        if (sameName(part[part.length - 1], name)) {
          end = part.length; // the rest is one run (a token or index space is one name)
        }
        while (end < part.length && sameName(part[end], name)) {
          end++;
        }
        int k = 0;
        while (k < names && !sameName(runs[k][from[k]], name)) {
          k++;
        }
        if (k == names) {
          if (names == capacity) {
            capacity *= 2;
            runs = Arrays.copyOf(runs, capacity);
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
          }
          runs[k] = part;
          from[k] = start;
          to[k] = end;
          names++;
          total += end - start;
        } else if (!within(part, start, end, runs[k], from[k], to[k])) {
          int before = to[k] - from[k];
          if (within(runs[k], from[k], to[k], part, start, end)) {
            runs[k] = part;
            from[k] = start;
            to[k] = end;
          } else {
            int[] length = new int[1];
            BasisDirection[] merged = mergeDistinct(Arrays.copyOfRange(runs[k], from[k], to[k]), before,
                Arrays.copyOfRange(part, start, end), end - start, length, 0);
            if (merged == null) {
              return join(spaces); // two directions compare as 0 without being equal
            }
            runs[k] = merged;
            from[k] = 0;
            to[k] = length[0];
          }
          total += to[k] - from[k] - before;
        }
        start = end;
      }
    }
    if (names == 0) {
      return EMPTY;
    }
    // The names in order (a handful: insertion sort), then their runs one after the other.
    int[] order = new int[names];
    for (int k = 0; k < names; k++) {
      order[k] = k;
    }
    for (int i = 1; i < names; i++) {
      for (int j = i; j > 0 && runs[order[j]][from[order[j]]].name()
          .compareTo(runs[order[j - 1]][from[order[j - 1]]].name()) < 0; j--) {
        int swap = order[j];
        order[j] = order[j - 1];
        order[j - 1] = swap;
      }
    }
    for (VectorSpace space : spaces) {
      if (space.directions.length == total && isRunsOf(space.directions, runs, from, to, order)) {
        return space; // the union is this part (the others inside it)
      }
    }
    BasisDirection[] out = new BasisDirection[total];
    int n = 0;
    for (int k : order) {
      System.arraycopy(runs[k], from[k], out, n, to[k] - from[k]);
      n += to[k] - from[k];
    }
    return new VectorSpace(out);
  }

  /** Whether {@code directions} is the concatenation of the runs in {@code order}, by reference. */
  private static boolean isRunsOf(BasisDirection[] directions, BasisDirection[][] runs, int[] from, int[] to,
      int[] order) {
    int n = 0;
    for (int k : order) {
      for (int i = from[k]; i < to[k]; i++) {
        if (directions[n++] != runs[k][i]) {
          return false;
        }
      }
    }
    return true;
  }

  /** How far {@link #within} looks for the same object before it compares values. */
  private static final int SCAN = 32;

  /**
   * Whether every direction of the sorted run {@code small[smallFrom..smallTo)} is in the sorted run
   * {@code big[bigFrom..bigTo)} of the same name. Each direction is looked for where the last one was found:
   * the next one of an equal copy is there at once; otherwise a binary search finds it (a head's lone BOS
   * direction among the tokens costs a few comparisons, not one per token).
   */
  private static boolean within(BasisDirection[] small, int smallFrom, int smallTo, BasisDirection[] big,
      int bigFrom, int bigTo) {
    if (small == big && smallFrom == bigFrom && smallTo == bigTo) {
      return true;
    }
    int j = bigFrom;
    for (int i = smallFrom; i < smallTo; i++) {
      BasisDirection d = small[i];
      if (j < bigTo && (big[j] == d || big[j].value() == d.value())) {
        j++;
        continue;
      }
      // The parts share their direction objects (each s-op's space is built once): in a short run the
      // object itself is found by looking, without comparing values.
      int same = -1;
      for (int k = j + 1; k < bigTo && k < j + SCAN && same < 0; k++) {
        same = big[k] == d ? k : -1;
      }
      if (same >= 0) {
        j = same + 1;
        continue;
      }
      int low = j;
      int high = bigTo;
      while (low < high) {
        int middle = (low + high) >>> 1;
        Object value = big[middle].value();
        if (value != d.value() && BasisDirection.compareValues(value, d.value()) < 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      if (low == bigTo || big[low].value() != d.value() && !big[low].equals(d)) {
        return false;
      }
      j = low + 1;
    }
    return true;
  }

  /** {@link #joinAll} of two spaces: its one merge, without the rounds' arrays. */
  private static VectorSpace joinTwo(VectorSpace left, VectorSpace right) {
    int[] length = new int[1];
    BasisDirection[] merged = mergeDistinct(left.directions, left.directions.length, right.directions,
        right.directions.length, length, 0);
    if (merged == null) {
      return ofArray(concatenation(new VectorSpace[] {left, right}));
    }
    if (length[0] == 0) {
      return EMPTY;
    }
    if (merged == left.directions) {
      return left;
    }
    return merged == right.directions ? right : of(merged, length[0]);
  }

  private static BasisDirection[] concatenation(VectorSpace[] spaces) {
    int total = 0;
    for (VectorSpace space : spaces) {
      total += space.directions.length;
    }
    BasisDirection[] all = new BasisDirection[total];
    int at = 0;
    for (VectorSpace space : spaces) {
      System.arraycopy(space.directions, 0, all, at, space.directions.length);
      at += space.directions.length;
    }
    return all;
  }

  /**
   * The sorted union of two sorted, distinct bases (the first {@code leftLength} and {@code rightLength}
   * entries), as {@link #of} gives for their concatenation, its length stored at {@code lengths[slot]}; or
   * {@code null} when two directions compare as 0 without being equal, which only {@link #of} sorts out.
   * A run of directions with one name is copied whole when the other side's next direction has another
   * name: names decide the order there, so no value is compared.
   */
  private static BasisDirection[] mergeDistinct(BasisDirection[] left, int leftLength, BasisDirection[] right,
      int rightLength, int[] lengths, int slot) {
    if (leftLength == 0 || left == right && leftLength == rightLength) {
      lengths[slot] = rightLength;
      return right;
    }
    if (rightLength == 0) {
      lengths[slot] = leftLength;
      return left;
    }
    BasisDirection[] out = new BasisDirection[leftLength + rightLength];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < leftLength && j < rightLength) {
      BasisDirection a = left[i];
      BasisDirection b = right[j];
      String name = a.name();
      if (name != b.name() && !name.equals(b.name())) {
        if (name.compareTo(b.name()) < 0) {
          do {
            out[n++] = left[i++];
          } while (i < leftLength && sameName(left[i], name));
        } else {
          String other = b.name();
          do {
            out[n++] = right[j++];
          } while (j < rightLength && sameName(right[j], other));
        }
        continue;
      }
      // One value object on both sides (one value set lowered twice): it compares as 0 with itself and the
      // directions are equal, so neither the comparison nor the equality test is needed.
      boolean same = a.value() == b.value();
      int order = same ? 0 : BasisDirection.compareValues(a.value(), b.value());
      if (order == 0 && !same && !a.equals(b)) {
        return null;
      }
      if (order == 0) {
        out[n++] = a;
        i++;
        j++;
        continue;
      }
      // One side's directions that come before the other's next: copied as a block, found by galloping
      // (the token space's values against the one BOS of a head's query space, say, take a few comparisons
      // instead of one per token). Each basis is sorted, so the block is what one-by-one merging takes.
      if (order < 0) {
        int end = endBefore(left, i, leftLength, name, b.value());
        System.arraycopy(left, i, out, n, end - i);
        n += end - i;
        i = end;
      } else {
        int end = endBefore(right, j, rightLength, name, a.value());
        System.arraycopy(right, j, out, n, end - j);
        n += end - j;
        j = end;
      }
    }
    System.arraycopy(left, i, out, n, leftLength - i);
    n += leftLength - i;
    System.arraycopy(right, j, out, n, rightLength - j);
    n += rightLength - j;
    lengths[slot] = n;
    return out;
  }

  /**
   * The end of the block of {@code side} from {@code from} (whose first direction is known to come before)
   * of directions named {@code name} whose values order before {@code value}: an exponential search, then
   * a binary one, so a block of k costs about 2 log k comparisons and a block of one, one.
   */
  private static int endBefore(BasisDirection[] side, int from, int length, String name, Object value) {
    int before = from;
    int notBefore = from + 1;
    for (int step = 1; notBefore < length && comesBefore(side[notBefore], name, value); step <<= 1) {
      before = notBefore;
      notBefore = from + 2 * step;
    }
    notBefore = Math.min(notBefore, length);
    while (notBefore - before > 1) {
      int middle = (before + notBefore) >>> 1;
      if (comesBefore(side[middle], name, value)) {
        before = middle;
      } else {
        notBefore = middle;
      }
    }
    return notBefore;
  }

  private static boolean comesBefore(BasisDirection direction, String name, Object value) {
    return sameName(direction, name) && direction.value() != value
        && BasisDirection.compareValues(direction.value(), value) < 0;
  }

  private static boolean sameName(BasisDirection direction, String name) {
    return direction.name() == name || direction.name().equals(name);
  }

  /** The sorted union of spaces that share no direction; overlapping spaces are a programming error. */
  public static VectorSpace directSum(VectorSpace... spaces) {
    for (int i = 0; i < spaces.length; i++) {
      for (int j = i + 1; j < spaces.length; j++) {
        for (BasisDirection direction : spaces[i].directions) {
          if (spaces[j].contains(direction)) {
            throw new IllegalArgumentException("Overlapping bases: " + direction + " is in both "
                + spaces[i] + " and " + spaces[j]);
          }
        }
      }
    }
    return join(spaces);
  }

  public int dims() {
    return directions.length;
  }

  /** The sorted basis (unmodifiable). */
  public List<BasisDirection> basis() {
    // Two threads racing make equal views; the view's fields are final, so either is seen complete.
    List<BasisDirection> view = basis;
    if (view == null) {
      view = new Basis(this);
      basis = view;
    }
    return view;
  }

  public BasisDirection direction(int i) {
    return directions[i];
  }

  /** The position of {@code direction} in the basis, or -1 if it is not in this space. */
  public int indexOf(BasisDirection direction) {
    int[] table = index();
    int mask = table.length / 3 - 1;
    int hash = direction.hashCode();
    for (int slot = slot(hash, mask); table[3 * slot + 1] != 0; slot = (slot + 1) & mask) {
      if (table[3 * slot] == hash) {
        BasisDirection key = directions[table[3 * slot + 1] - 1];
        if (key == direction || direction.equals(key)) {
          return table[3 * slot + 2];
        }
      }
    }
    return -1;
  }

  public boolean contains(BasisDirection direction) {
    return indexOf(direction) >= 0;
  }

  public boolean isSubspaceOf(VectorSpace other) {
    for (BasisDirection direction : directions) {
      if (!other.contains(direction)) {
        return false;
      }
    }
    return true;
  }

  /** For each direction of this space, its position in {@code other}, or -1 where {@code other} lacks it. */
  public int[] indicesIn(VectorSpace other) {
    int[] positions = new int[directions.length];
    BasisDirection[] others = other.directions;
    if (other.index == null && directions.length * 4 >= others.length) {
      // Both bases are sorted: one walk along both finds each direction without building other's hash
      // index (most spaces are searched once, by the block that joins them). Whatever the walk misses is
      // looked up in the index after all, so the answer is the lookup's, also for directions whose values
      // order inconsistently.
      boolean missed = false;
      int j = 0;
      for (int i = 0; i < positions.length; i++) {
        BasisDirection direction = directions[i];
        positions[i] = -1;
        int order = -1;
        while (j < others.length) {
          BasisDirection candidate = others[j];
          if (candidate == direction) {
            order = 0; // the same direction object: it compares as 0 and is equal
            break;
          }
          String name = candidate.name();
          if (name != direction.name() && !name.equals(direction.name())) {
            order = name.compareTo(direction.name());
            if (order > 0) {
              break;
            }
            // A whole run of a smaller name orders before the direction: skip it without comparing values.
            do {
              j++;
            } while (j < others.length && sameName(others[j], name));
            continue;
          }
          order = candidate.value() == direction.value() ? 0
              : BasisDirection.compareValues(candidate.value(), direction.value());
          if (order >= 0) {
            break;
          }
          j++;
        }
        for (int k = j; k < others.length && order == 0; ) {
          if (others[k] == direction || others[k].equals(direction)) {
            positions[i] = k;
            break;
          }
          k++;
          order = k < others.length ? others[k].compareTo(direction) : -1;
        }
        missed |= positions[i] < 0;
      }
      if (missed) {
        for (int i = 0; i < positions.length; i++) {
          if (positions[i] < 0) {
            positions[i] = other.indexOf(directions[i]);
          }
        }
      }
      return positions;
    }
    for (int i = 0; i < positions.length; i++) {
      positions[i] = other.indexOf(directions[i]);
    }
    return positions;
  }

  /** Like {@link #indicesIn}, but this space must be a subspace of {@code other}. */
  public int[] embeddingInto(VectorSpace other) {
    int[] positions = indicesIn(other);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        throw new IllegalArgumentException("Space " + this + " is not a subspace of " + other
            + " (missing " + directions[i] + ")");
      }
    }
    return positions;
  }

  /** The one-hot vector of {@code direction}, which must be in this space. */
  public VectorInBasis vector(BasisDirection direction) {
    int position = indexOf(direction);
    if (position < 0) {
      throw new IllegalArgumentException("Direction " + direction + " is not in " + this);
    }
    double[] magnitudes = new double[directions.length];
    magnitudes[position] = 1;
    return new VectorInBasis(this, magnitudes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VectorSpace space && (space.directions == directions
        || Arrays.equals(directions, space.directions));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(directions);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < directions.length; i++) {
      text.append(i == 0 ? "" : ", ").append(directions[i]);
    }
    return text.append(']').toString();
  }
}
