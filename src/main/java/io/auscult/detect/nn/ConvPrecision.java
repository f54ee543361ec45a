package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;

/** The arithmetic a conv network runs in: FLOAT in production, DOUBLE to check against the float64 fixtures. */
public enum ConvPrecision {
    FLOAT(DataType.FLOAT),
    DOUBLE(DataType.DOUBLE);

    private final DataType dataType;

    ConvPrecision(DataType dataType) {
        this.dataType = dataType;
    }

    DataType dataType() {
        return dataType;
    }
}
