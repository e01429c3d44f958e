/**
 * Optimizers with PyTorch's exact update rules: {@link io.github.conv4j.nn.optim.Sgd},
 * {@link io.github.conv4j.nn.optim.Adam} and {@link io.github.conv4j.nn.optim.AdamW}.
 */
package io.github.conv4j.nn.optim;
