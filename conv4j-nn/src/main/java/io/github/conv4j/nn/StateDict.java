package io.github.conv4j.nn;

import io.github.conv4j.io.Npz;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a module's parameters as an {@code .npz} archive whose entry names are PyTorch's
 * {@code state_dict} keys ({@code "0.weight"}, {@code "features.0.bias"}), so {@code numpy.load} reads it and a
 * PyTorch script can copy the arrays into a matching model. Loading is all-or-nothing: every name and shape is
 * checked before any parameter changes.
 *
 * <pre>{@code
 * StateDict.save(net, Path.of("lenet.npz"));
 * StateDict.load(sameArchitecture, Path.of("lenet.npz"));
 * }</pre>
 */
public final class StateDict {
    private StateDict() {}

    /**
     * Returns detached copies of the module's parameters by qualified name.
     *
     * @param module the module
     * @return a new ordered map, in {@link Module#namedParameters()} order
     */
    public static Map<String, Tensor> of(Module module) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        module.namedParameters().forEach((name, p) -> out.put(name, p.copy()));
        return out;
    }

    /**
     * Writes the parameters to an uncompressed {@code .npz} file, atomically replacing an existing one.
     *
     * @param module the module
     * @param path the archive
     * @throws IOException if the file cannot be written (it is then unchanged)
     */
    public static void save(Module module, Path path) throws IOException {
        Npz.write(path, of(module));
    }

    /**
     * Reads an archive written by {@link #save} (or by {@code numpy.savez} with the same names) into the module's
     * parameters, converting to each parameter's dtype.
     *
     * @param module the module, whose parameters are overwritten in place
     * @param path the archive
     * @throws IllegalArgumentException if a name is missing or unexpected or a shape differs; nothing is changed
     * @throws IOException if the file cannot be read or is not a valid archive
     */
    public static void load(Module module, Path path) throws IOException {
        load(module, Npz.read(path, io.github.conv4j.tensor.DType.FLOAT64));
    }

    /**
     * Copies tensors into the module's parameters by name, after checking that the names and shapes match exactly.
     *
     * @param module the module, whose parameters are overwritten in place
     * @param state the values by qualified name
     * @throws IllegalArgumentException if a name is missing or unexpected or a shape differs; nothing is changed
     */
    public static void load(Module module, Map<String, Tensor> state) {
        Map<String, Tensor> params = module.namedParameters();
        List<String> problems = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!state.containsKey(name)) {
                problems.add("missing key '" + name + "'");
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor p = params.get(e.getKey());
            if (p == null) {
                problems.add("unexpected key '" + e.getKey() + "'");
            } else if (!Arrays.equals(p.shape(), e.getValue().shape())) {
                problems.add("size mismatch for '" + e.getKey() + "': the archive has "
                        + Shapes.format(e.getValue().shape()) + ", the module has " + Shapes.format(p.shape()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for "
                    + module.getClass().getSimpleName() + ": " + String.join("; ", problems));
        }
        try (NoGrad ignored = NoGrad.enter()) {
            params.forEach((name, p) -> p.data().copyFrom(state.get(name).to(p.dtype())));
        }
    }
}
