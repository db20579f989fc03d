# Sourced by ./tracr4j, ./scripts/test and .ci/run: sets JAVA_HOME to a JDK >= 21 (and TRACR4J_JAVA_MAJOR to
# its feature version) or exits with a clear message.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm and /opt (newest first).
#
# Asking a JDK its version starts a JVM (~50-100 ms), so each answer is cached in
# $TRACR4J_CACHE_DIR/jdk-probes (default ~/.cache/tracr4j), one line "<dir>/bin/java<TAB><mtime> <size><TAB>major"
# per JDK. The mtime and size of the java binary (symlinks followed) are the key: a JDK upgraded in place or a
# symlink pointed elsewhere is probed again. Without a writable cache directory every call probes, as before.

tracr4j_cache_dir() {
  printf '%s' "${TRACR4J_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/tracr4j}"
}

# Prints "<mtime> <size>" of $1/bin/java (GNU stat, else BSD stat); fails when there is none.
tracr4j_java_stamp() {
  stat -L -c '%Y %s' "$1/bin/java" 2>/dev/null || stat -L -f '%m %z' "$1/bin/java" 2>/dev/null
}

# Runs the JDK in $1 and prints its feature version (21, 25, ...), or nothing.
tracr4j_probe_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Prints the feature version of the JDK in $1 (0 if it does not run), from the cache when the binary is unchanged.
tracr4j_java_major() {
  local cache stamp path recorded major="" entry
  cache="$(tracr4j_cache_dir)/jdk-probes"
  stamp=$(tracr4j_java_stamp "$1") || stamp=""
  if [ -n "$stamp" ] && [ -r "$cache" ]; then
    while IFS=$'\t' read -r path recorded entry; do
      if [ "$path" = "$1/bin/java" ] && [ "$recorded" = "$stamp" ]; then major=$entry; fi
    done <"$cache"
  fi
  if [ -z "$major" ]; then
    major=$(tracr4j_probe_java_major "$1")
    major=${major:-0}
    if [ -n "$stamp" ]; then
      { mkdir -p "$(dirname "$cache")" && printf '%s\t%s\t%s\n' "$1/bin/java" "$stamp" "$major" >>"$cache"; } \
        2>/dev/null || true
    fi
  fi
  printf '%s\n' "$major"
}

tracr4j_find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do
    candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(tracr4j_java_major "$dir")
    if [ "$major" -ge 21 ]; then
      export JAVA_HOME="$dir" TRACR4J_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "tracr4j: needs a JDK 21 or newer (javac); none found in JAVA_HOME, PATH, /usr/lib/jvm or /opt." >&2
  echo "tracr4j: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME." >&2
  return 1
}

# Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; allow it quietly.
tracr4j_quiet_maven() {
  if [ "${TRACR4J_JAVA_MAJOR:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
