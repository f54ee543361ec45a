package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Bulk copies between Java {@code double[]} and the native buffer of a dense, C-ordered,
 * unshared ND4J array of FLOAT or DOUBLE. The dense autoencoder keeps Java's side in double
 * whatever the engine's precision, so one code path serves the float64 fixture tests and the
 * float32 production runs.
 */
final class DenseArrays {

    /** Bulk NIO transfers are several times faster than element-wise ones; this is their staging area. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private DenseArrays() {
    }

    private static float[] scratch(int length) {
        float[] floats = SCRATCH.get();
        if (floats.length < length) {
            floats = new float[length];
            SCRATCH.set(floats);
        }
        return floats;
    }

    /** A new C-ordered {@code rows x columns} array of the given type. */
    static INDArray create(DataType type, long rows, long columns) {
        requireSupported(type);
        return Nd4j.create(type, new long[] {rows, columns}, 'c');
    }

    /** Copies {@code source[from .. from + length)} into the array's elements {@code at .. at + length). */
    static void write(double[] source, int from, INDArray target, long at, int length) {
        requireDense(target);
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = target.data().asNioDouble();
            buffer.position(Math.toIntExact(at));
            buffer.put(source, from, length);
        } else {
            float[] floats = scratch(length);
            for (int i = 0; i < length; i++) {
                floats[i] = (float) source[from + i];
            }
            FloatBuffer buffer = target.data().asNioFloat();
            buffer.position(Math.toIntExact(at));
            buffer.put(floats, 0, length);
        }
    }

    /**
     * Copies {@code source[from .. from + length)} into the array's elements {@code at .. at + length)};
     * one bulk copy when the array is FLOAT.
     */
    static void write(float[] source, int from, INDArray target, long at, int length) {
        requireDense(target);
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = target.data().asNioFloat();
            buffer.position(Math.toIntExact(at));
            buffer.put(source, from, length);
        } else {
            DoubleBuffer buffer = target.data().asNioDouble();
            buffer.position(Math.toIntExact(at));
            for (int i = 0; i < length; i++) {
                buffer.put(source[from + i]);
            }
        }
    }

    /** Copies all of {@code source} into the start of the array. */
    static void write(double[] source, INDArray target) {
        write(source, 0, target, 0, source.length);
    }

    /**
     * Copies the array's elements {@code at .. at + length)} (C order) into {@code target[to ..]}.
     * A view (SameDiff returns some outputs as views) is copied to a dense array first.
     */
    static void read(INDArray source, long at, double[] target, int to, int length) {
        if (!isDense(source)) {
            INDArray dense = source.dup('c');
            read(dense, at, target, to, length);
            close(dense);
            return;
        }
        requireSupported(source.dataType());
        if (source.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = source.data().asNioDouble();
            buffer.position(Math.toIntExact(at));
            buffer.get(target, to, length);
        } else {
            float[] floats = scratch(length);
            FloatBuffer buffer = source.data().asNioFloat();
            buffer.position(Math.toIntExact(at));
            buffer.get(floats, 0, length);
            for (int i = 0; i < length; i++) {
                target[to + i] = floats[i];
            }
        }
    }

    /** All elements, in C order. */
    static double[] read(INDArray source) {
        double[] values = new double[Math.toIntExact(source.length())];
        read(source, 0, values, 0, values.length);
        return values;
    }

    /** Frees the array's native memory now rather than when Java collects it. */
    static void close(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    static void requireSupported(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("the dense autoencoder computes in FLOAT or DOUBLE, not " + type);
        }
    }

    private static boolean isDense(INDArray array) {
        return !array.isView() && array.ordering() == 'c' && array.offset() == 0 && array.data().offset() == 0;
    }

    private static void requireDense(INDArray array) {
        requireSupported(array.dataType());
        if (!isDense(array)) {
            throw new IllegalArgumentException("expected a dense C-ordered array, not a view");
        }
    }
}
