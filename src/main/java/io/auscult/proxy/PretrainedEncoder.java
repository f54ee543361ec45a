package io.auscult.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The encoder Auscult ships for the "pretrained" task, on the classpath at {@value #RESOURCE}:
 * trained once by {@code auscult proxy-pretrain} (machine-id classification on a broad
 * synthetic corpus; see docs/results.md for the command) and frozen in the lab.
 */
public final class PretrainedEncoder {

    public static final String RESOURCE = "/proxy/pretrained-encoder.bin";

    private PretrainedEncoder() {
    }

    public static EncoderWeights load() {
        try (InputStream in = PretrainedEncoder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pretrained encoder " + RESOURCE + " is missing from the "
                        + "application; regenerate it with 'auscult proxy-pretrain --out resources"
                        + RESOURCE + "'");
            }
            return EncoderWeights.read(new java.io.BufferedInputStream(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pretrained encoder " + RESOURCE, e);
        }
    }
}
