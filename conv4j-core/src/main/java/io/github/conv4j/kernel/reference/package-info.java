/**
 * The reference implementations: naive loops with double accumulation, written to be read. They are the test oracle
 * for every faster kernel and compute every operation on float64 tensors. Internal: not part of the public API.
 */
package io.github.conv4j.kernel.reference;
