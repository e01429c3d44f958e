package io.github.conv4j.kernel.direct;

/**
 * Splits {@code planes × outH} output rows into tasks of whole rows (about {@link #TARGET} outputs each) and groups
 * tasks into chunks of similar size, so one large image and many small planes both spread over threads without a
 * task per tiny plane. Public for the sibling kernel packages; internal.
 *
 * @param planes number of output planes
 * @param outH rows per plane
 * @param rowsPerTask rows in one task (the last of a plane may have fewer)
 * @param tasksPerPlane tasks in one plane
 * @param grain tasks per parallel chunk
 */
public record RowBlocks(int planes, int outH, int rowsPerTask, int tasksPerPlane, int grain) {
    /** Outputs per task and per chunk: enough to amortise scheduling, small enough to balance two threads. */
    public static final int TARGET = 1 << 15;

    /**
     * Plans the split.
     *
     * @param planes number of output planes
     * @param outH rows per plane
     * @param outW outputs per row
     * @return the plan
     */
    public static RowBlocks of(int planes, int outH, int outW) {
        int rows = Math.max(1, Math.min(outH, TARGET / Math.max(1, outW)));
        int perPlane = (outH + rows - 1) / rows;
        long taskOutputs = (long) rows * outW;
        int grain = (int) Math.max(1, TARGET / Math.max(1, taskOutputs));
        return new RowBlocks(planes, outH, rows, perPlane, grain);
    }

    /** @return total number of tasks */
    public int count() {
        return planes * tasksPerPlane;
    }

    /**
     * @param task a task number
     * @return its plane
     */
    public int plane(int task) {
        return task / tasksPerPlane;
    }

    /**
     * @param task a task number
     * @return its first output row
     */
    public int firstRow(int task) {
        return (task % tasksPerPlane) * rowsPerTask;
    }

    /**
     * @param task a task number
     * @return one past its last output row
     */
    public int endRow(int task) {
        return Math.min(outH, firstRow(task) + rowsPerTask);
    }
}
