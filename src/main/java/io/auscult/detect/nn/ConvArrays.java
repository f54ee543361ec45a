package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Bulk copies between Java arrays and dense C-ordered ND4J arrays of FLOAT or DOUBLE, the two
 * precisions the conv graphs run in (DOUBLE for the fixture tests, FLOAT in production).
 */
final class ConvArrays {

    private ConvArrays() {
    }

    static void requireSupported(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("the conv graphs run in FLOAT or DOUBLE, not " + type);
        }
    }

    /** A new C-ordered array of the given type holding {@code values} (converted to the type). */
    static INDArray create(DataType type, double[] values, long... shape) {
        requireSupported(type);
        INDArray a = Nd4j.create(type, shape, 'c');
        if (type == DataType.DOUBLE) {
            a.data().asNioDouble().put(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            a.data().asNioFloat().put(f);
        }
        return a;
    }

    /** A new C-ordered array of the given type holding {@code values}. */
    static INDArray create(DataType type, float[] values, long... shape) {
        requireSupported(type);
        INDArray a = Nd4j.create(type, shape, 'c');
        if (type == DataType.FLOAT) {
            a.data().asNioFloat().put(values);
        } else {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            a.data().asNioDouble().put(d);
        }
        return a;
    }

    /** Overwrites a dense C-ordered array with {@code values} (converted to its type). */
    static void write(INDArray target, double[] values) {
        if (!isDense(target) || target.length() != values.length) {
            throw new IllegalArgumentException("need a dense array of " + values.length + " values");
        }
        if (target.dataType() == DataType.DOUBLE) {
            target.data().asNioDouble().put(values);
        } else {
            requireSupported(target.dataType());
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.data().asNioFloat().put(f);
        }
    }

    /** Overwrites a dense C-ordered array with {@code values} (converted to its type). */
    static void write(INDArray target, float[] values) {
        if (!isDense(target) || target.length() != values.length) {
            throw new IllegalArgumentException("need a dense array of " + values.length + " values");
        }
        if (target.dataType() == DataType.FLOAT) {
            target.data().asNioFloat().put(values);
        } else {
            requireSupported(target.dataType());
            DoubleBuffer b = target.data().asNioDouble();
            for (int i = 0; i < values.length; i++) {
                b.put(i, values[i]);
            }
        }
    }

    /** The values in C order (a view or a non-C array is copied first). */
    static double[] toDoubles(INDArray a) {
        if (!isDense(a)) {
            try (INDArray d = a.dup('c')) {
                return toDoubles(d);
            }
        }
        requireSupported(a.dataType());
        double[] out = new double[(int) a.length()];
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().get(out);
        } else {
            FloatBuffer b = a.data().asNioFloat();
            for (int i = 0; i < out.length; i++) {
                out[i] = b.get(i);
            }
        }
        return out;
    }

    /** The values in C order as floats (a view or a non-C array is copied first). */
    /** The values rounded to float. */
    static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    static float[] toFloats(INDArray a) {
        if (!isDense(a)) {
            try (INDArray d = a.dup('c')) {
                return toFloats(d);
            }
        }
        requireSupported(a.dataType());
        float[] out = new float[(int) a.length()];
        if (a.dataType() == DataType.FLOAT) {
            a.data().asNioFloat().get(out);
        } else {
            DoubleBuffer b = a.data().asNioDouble();
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) b.get(i);
            }
        }
        return out;
    }

    /**
     * C-ordered, unshared and without gaps, so the buffer holds exactly the values in C order.
     * (Shape.hasDefaultStridesForShape rejects some fresh arrays with unit dimensions.)
     */
    private static boolean isDense(INDArray a) {
        if (a.offset() != 0 || a.data().length() != a.length()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Closes an array if it can be closed (not a view, not yet closed); null is ignored. */
    static void close(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
