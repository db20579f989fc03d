/**
 * The {@code tracr4j} command line (picocli). Input: arguments; output: text or JSON on stdout, one-line
 * errors on stderr with sysexits-style exit codes. May import every other package.
 *
 * <p>{@link org.tracr4j.cli.Main} registers one class per subcommand; shared options are the mixins
 * {@link org.tracr4j.cli.InputOptions}, {@link org.tracr4j.cli.VocabularyOptions} and {@link
 * org.tracr4j.cli.JsonOption}.
 */
package org.tracr4j.cli;
