/**
 * Neural-network building blocks in the style of {@code torch.nn}: {@link io.github.conv4j.nn.Module} and its layers,
 * the losses, parameter save/load ({@link io.github.conv4j.nn.StateDict}), closed-form kernel fitting
 * ({@link io.github.conv4j.nn.KernelFit}) and receptive-field arithmetic ({@link io.github.conv4j.nn.ReceptiveField}).
 * Optimizers live in {@link io.github.conv4j.nn.optim}.
 */
package io.github.conv4j.nn;
