package org.tracr4j.rasp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every expression carries besides its operands: an optional user-given name, its encoding (s-ops
 * only; null for selectors), a unique id that is the expression's identity, and where it was written
 * ({@code file:line:column}, or null for expressions built in Java).
 *
 * <p>Ids are assigned eagerly at construction from one counter, so two expressions are the same iff they
 * have the same id; renaming or re-encoding makes a new expression with a new id. Labels in a compiled
 * model are not ids: the compiler derives readable, deterministic labels per program.
 */
public record Meta(String name, Encoding encoding, long id, String origin) {
  private static final AtomicLong NEXT_ID = new AtomicLong(1);

  public static Meta sop() {
    return new Meta(null, Encoding.CATEGORICAL, NEXT_ID.getAndIncrement(), null);
  }

  public static Meta selector() {
    return new Meta(null, null, NEXT_ID.getAndIncrement(), null);
  }

  /** A copy with a new name and a new identity. */
  public Meta named(String newName) {
    return new Meta(newName, encoding, NEXT_ID.getAndIncrement(), origin);
  }

  /** A copy with a new encoding and a new identity. */
  public Meta encoded(Encoding newEncoding) {
    return new Meta(name, newEncoding, NEXT_ID.getAndIncrement(), origin);
  }

  /** A copy recording where the expression was written; same identity is not kept (new id). */
  public Meta at(String newOrigin) {
    return new Meta(name, encoding, NEXT_ID.getAndIncrement(), newOrigin);
  }

  public boolean hasName() {
    return name != null;
  }
}
