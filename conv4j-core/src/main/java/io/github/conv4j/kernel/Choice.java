package io.github.conv4j.kernel;

import io.github.conv4j.spec.Algorithm;

/**
 * What the selector decided for one problem, and why.
 *
 * @param algorithm the kernel that runs
 * @param reason one sentence a user can read
 */
public record Choice(Algorithm algorithm, String reason) {
    @Override
    public String toString() {
        return algorithm + ": " + reason;
    }
}
