/**
 * RASP: values ({@link org.tracr4j.rasp.Value}), expressions (sealed {@link org.tracr4j.rasp.SOp} and
 * {@link org.tracr4j.rasp.Selector} records built with {@link org.tracr4j.rasp.Rasp}), the function
 * language of maps and predicates ({@link org.tracr4j.rasp.Lambda} over sealed {@link org.tracr4j.rasp.Term}s,
 * tables included, with one evaluator and one printer), the reference {@link org.tracr4j.rasp.Interpreter}
 * and Tracr's program {@link org.tracr4j.rasp.Library}.
 *
 * <p>Input: nothing (a program is built in Java or by {@code lang}). Output: expression DAGs and their
 * meaning, which every later stage must agree with. Imports nothing of tracr4j but the root exceptions.
 */
package org.tracr4j.rasp;
