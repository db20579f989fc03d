package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable vector space given by a basis of named directions, always sorted (tracr-reference.md §3.2)
 * and without duplicates. Two spaces are equal when their bases are.
 *
 * <p>{@link #indexOf} is a hash lookup (the map is built on first use); hot loops should translate a
 * whole space once with {@link #indicesIn} and then work on plain indices.
 */
public final class VectorSpace {
  private static final VectorSpace EMPTY = new VectorSpace(List.of());

  private final List<BasisDirection> basis;
  /**
   * Direction to position, built on the first lookup: many spaces (hidden layers, intermediate joins) are
   * never searched. Volatile, so a map built by one thread is seen complete by others; two threads racing
   * merely build equal maps.
   */
  private volatile Map<BasisDirection, Integer> index;

  private VectorSpace(List<BasisDirection> sortedDistinct) {
    this.basis = List.copyOf(sortedDistinct);
  }

  private Map<BasisDirection, Integer> index() {
    Map<BasisDirection, Integer> built = index;
    if (built == null) {
      built = new HashMap<>(basis.size() * 2);
      for (int i = 0; i < basis.size(); i++) {
        built.put(basis.get(i), i);
      }
      index = built;
    }
    return built;
  }

  /** The space spanned by the given directions, sorted, duplicates removed. */
  public static VectorSpace of(Collection<BasisDirection> directions) {
    if (directions.isEmpty()) {
      return EMPTY;
    }
    // Sort first, then drop duplicates: equal directions compare as 0, so they meet within one run of
    // neighbours that compare as 0, and the stable sort keeps that run in input order. Keeping the first of
    // each equal group gives what de-duplicating in input order and then sorting gives, without hashing
    // every direction into a set.
    List<BasisDirection> given = directions instanceof List<BasisDirection> list ? list : new ArrayList<>(directions);
    if (strictlyIncreasing(given)) {
      return new VectorSpace(given); // already what the sort and de-duplication below would give
    }
    List<BasisDirection> sorted = new ArrayList<>(given);
    sorted.sort(null);
    List<BasisDirection> distinct = new ArrayList<>(sorted.size());
    int runStart = 0;
    for (BasisDirection direction : sorted) {
      if (!distinct.isEmpty() && distinct.getLast().compareTo(direction) != 0) {
        runStart = distinct.size();
      }
      if (!distinct.subList(runStart, distinct.size()).contains(direction)) {
        distinct.add(direction);
      }
    }
    return new VectorSpace(distinct);
  }

  /** Whether each direction orders after the one before it (so none repeats). */
  private static boolean strictlyIncreasing(List<BasisDirection> directions) {
    for (int i = 1; i < directions.size(); i++) {
      if (directions.get(i - 1).compareTo(directions.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  public static VectorSpace of(BasisDirection... directions) {
    return of(Arrays.asList(directions));
  }

  /** Directions with the given names and no value. */
  public static VectorSpace fromNames(String... names) {
    return of(Arrays.stream(names).map(BasisDirection::new).toList());
  }

  /** Directions {@code name:v} for each value. */
  public static VectorSpace fromValues(String name, Collection<?> values) {
    List<BasisDirection> directions = new ArrayList<>(values.size());
    for (Object value : values) {
      directions.add(new BasisDirection(name, value));
    }
    return of(directions);
  }

  public static VectorSpace empty() {
    return EMPTY;
  }

  /** The sorted union of the spaces; overlaps are allowed. */
  public static VectorSpace join(VectorSpace... spaces) {
    return join(Arrays.asList(spaces));
  }

  public static VectorSpace join(Collection<VectorSpace> spaces) {
    if (spaces.size() == 1) {
      return spaces.iterator().next();
    }
    // Each basis is already sorted and distinct, so merge them instead of sorting their concatenation:
    // neighbours pairwise, round after round, which keeps the input order among ties (as the stable sort
    // in of does) and shrinks the lists early where the spaces overlap.
    List<List<BasisDirection>> round = new ArrayList<>();
    for (VectorSpace space : spaces) {
      round.add(space.basis);
    }
    while (round.size() > 1) {
      List<List<BasisDirection>> next = new ArrayList<>((round.size() + 1) / 2);
      for (int i = 0; i < round.size(); i += 2) {
        List<BasisDirection> merged =
            i + 1 < round.size() ? mergeDistinct(round.get(i), round.get(i + 1)) : round.get(i);
        if (merged == null) {
          next = null;
          break;
        }
        next.add(merged);
      }
      if (next == null) {
        break;
      }
      round = next;
    }
    if (round.size() == 1) {
      return round.get(0).isEmpty() ? EMPTY : new VectorSpace(round.get(0));
    }
    if (round.isEmpty()) {
      return EMPTY;
    }
    List<BasisDirection> all = new ArrayList<>();
    for (VectorSpace space : spaces) {
      all.addAll(space.basis);
    }
    return of(all);
  }

  /**
   * The sorted union of two sorted, distinct bases, as {@link #of} gives for their concatenation; or
   * {@code null} when two directions compare as 0 without being equal, which only {@link #of} sorts out.
   */
  private static List<BasisDirection> mergeDistinct(List<BasisDirection> left, List<BasisDirection> right) {
    if (left.isEmpty() || left == right) {
      return right;
    }
    if (right.isEmpty()) {
      return left;
    }
    List<BasisDirection> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() && j < right.size()) {
      BasisDirection a = left.get(i);
      BasisDirection b = right.get(j);
      int order = a == b ? 0 : a.compareTo(b);
      if (order == 0 && !a.equals(b)) {
        return null;
      }
      out.add(order <= 0 ? a : b);
      i += order <= 0 ? 1 : 0;
      j += order >= 0 ? 1 : 0;
    }
    out.addAll(left.subList(i, left.size()));
    out.addAll(right.subList(j, right.size()));
    return out;
  }

  /** The sorted union of spaces that share no direction; overlapping spaces are a programming error. */
  public static VectorSpace directSum(VectorSpace... spaces) {
    for (int i = 0; i < spaces.length; i++) {
      for (int j = i + 1; j < spaces.length; j++) {
        for (BasisDirection direction : spaces[i].basis) {
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
    return basis.size();
  }

  /** The sorted basis (unmodifiable). */
  public List<BasisDirection> basis() {
    return basis;
  }

  public BasisDirection direction(int i) {
    return basis.get(i);
  }

  /** The position of {@code direction} in the basis, or -1 if it is not in this space. */
  public int indexOf(BasisDirection direction) {
    Integer position = index().get(direction);
    return position == null ? -1 : position;
  }

  public boolean contains(BasisDirection direction) {
    return index().containsKey(direction);
  }

  public boolean isSubspaceOf(VectorSpace other) {
    for (BasisDirection direction : basis) {
      if (!other.contains(direction)) {
        return false;
      }
    }
    return true;
  }

  /** For each direction of this space, its position in {@code other}, or -1 where {@code other} lacks it. */
  public int[] indicesIn(VectorSpace other) {
    int[] positions = new int[basis.size()];
    if (other.index == null && basis.size() * 4 >= other.basis.size()) {
      // Both bases are sorted: one walk along both finds each direction without building other's hash
      // index (most spaces are searched once, by the block that joins them). Whatever the walk misses is
      // looked up in the index after all, so the answer is the lookup's, also for directions whose values
      // order inconsistently.
      boolean missed = false;
      int j = 0;
      List<BasisDirection> others = other.basis;
      for (int i = 0; i < positions.length; i++) {
        BasisDirection direction = basis.get(i);
        while (j < others.size() && others.get(j).compareTo(direction) < 0) {
          j++;
        }
        positions[i] = -1;
        for (int k = j; k < others.size() && others.get(k).compareTo(direction) == 0; k++) {
          if (others.get(k).equals(direction)) {
            positions[i] = k;
            break;
          }
        }
        missed |= positions[i] < 0;
      }
      if (missed) {
        for (int i = 0; i < positions.length; i++) {
          if (positions[i] < 0) {
            positions[i] = other.indexOf(basis.get(i));
          }
        }
      }
      return positions;
    }
    for (int i = 0; i < positions.length; i++) {
      positions[i] = other.indexOf(basis.get(i));
    }
    return positions;
  }

  /** Like {@link #indicesIn}, but this space must be a subspace of {@code other}. */
  public int[] embeddingInto(VectorSpace other) {
    int[] positions = indicesIn(other);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        throw new IllegalArgumentException("Space " + this + " is not a subspace of " + other
            + " (missing " + basis.get(i) + ")");
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
    double[] magnitudes = new double[basis.size()];
    magnitudes[position] = 1;
    return new VectorInBasis(this, magnitudes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VectorSpace space && basis.equals(space.basis);
  }

  @Override
  public int hashCode() {
    return basis.hashCode();
  }

  @Override
  public String toString() {
    return basis.stream().map(BasisDirection::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
