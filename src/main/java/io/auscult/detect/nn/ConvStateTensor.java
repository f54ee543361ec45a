package io.auscult.detect.nn;

import java.util.Arrays;

/**
 * One entry of a PyTorch-style state dict: a shape and the values in row-major (C) order, the
 * last axis fastest. A scalar has an empty shape and one value.
 */
public record ConvStateTensor(int[] shape, double[] data) {

    public ConvStateTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, not "
                    + data.length);
        }
        shape = shape.clone();
        data = data.clone();
    }

    static ConvStateTensor vector(double[] data) {
        return new ConvStateTensor(new int[] {data.length}, data);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }

    /** The values without a defensive copy, for code in this package that only reads them. */
    double[] values() {
        return data;
    }

    boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvStateTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ConvStateTensor" + Arrays.toString(shape);
    }
}
