package io.auscult.detect.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * PyTorch's two layer geometries written with libnd4j ops, exactly (BENCHMARKS.md, "Exact
 * PyTorch parity"; the model fixtures' README, "Conv-transpose geometry"). libnd4j's SAME mode
 * pads only after the input and is off by one row and column for both: never use it here.
 */
final class ConvLayers {

    private ConvLayers() {
    }

    /**
     * {@code Conv2d(k 3, stride 2, padding 1)}: explicit padding 1 on both sides in VALID mode,
     * weights {@code [kh, kw, in, out]} (YXIO; OIYX fails in backprop). Output rows
     * {@code floor((n + 2 - 3) / 2) + 1 = n / 2} for even n.
     */
    static SDVariable conv(SameDiff sd, ConvDataFormat format, String outputName, SDVariable input,
                           SDVariable weight, SDVariable bias) {
        Conv2DConfig config = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(format.nd4jName()).weightsFormat(WeightsFormat.YXIO)
                .build();
        return sd.cnn().conv2d(outputName, input, weight, bias, config);
    }

    /**
     * {@code ConvTranspose2d(k 3, stride 2, padding 1, output_padding 1)}: the full transposed
     * conv (padding 0, 2n + 1 rows), weights {@code [kh, kw, out, in]}, then drop the first row
     * and the first column. PyTorch's padding 1 removes one row at the start, its output_padding
     * gives one back at the end, which carries real values (not zeros).
     */
    static SDVariable transposedConv(SameDiff sd, ConvDataFormat format, String outputName, SDVariable input,
                                     SDVariable weight, SDVariable bias) {
        DeConv2DConfig config = DeConv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat(format.nd4jName()).build();
        SDVariable full = sd.cnn().deconv2d(outputName + ".full", input, weight, bias, config);
        // The end mask runs every axis to its end; the begin mask starts batch and channel at 0.
        return sd.stridedSlice(outputName, full, format.cropBegin(), new long[] {0, 0, 0, 0},
                new long[] {1, 1, 1, 1}, format.cropBeginMask(), 0b1111, 0, 0, 0);
    }

    /**
     * ReLU written as {@code h * step(h)} (step: 1 where h > 0, else 0): the same values, and the
     * same derivative as PyTorch (0 at exactly 0), but its backprop is a multiply (0.4 ms on
     * 2 M floats) instead of libnd4j's thresholdedrelu_bp (11 ms, measured).
     */
    static SDVariable relu(SameDiff sd, String outputName, SDVariable h) {
        return h.mul(outputName, sd.math().step(h, 0.0));
    }
}
