package io.auscult.detect.nn;

import io.auscult.detect.BandErrorStatistics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conv AE's and MAE's own network format: a small header (magic, version, kind, mel bands,
 * the MAE's masking) and the backbone's PyTorch-style state dict (batch norm not folded, so a
 * network can be trained further), every value as a big-endian float64, so a save-load round
 * trip gives identical weights and therefore identical scores.
 *
 * <pre>
 * "AUSCULT-CONV-NETWORK" (ASCII), int version = 1, UTF kind ("ae" | "mae"), int mels,
 * [mae: int patchMels, int patchFrames, double ratio, UTF mask kind],
 * [version 2: int bands, bands x double mean, bands x double std (the band score's statistics)],
 * int entries, then per entry: UTF name, int rank, rank x int dimension, values as doubles
 * </pre>
 *
 * A network scored by the mean squared error is written as version 1, byte for byte as before;
 * one scored by its worst band as version 2, which older readers refuse by its version.
 */
final class ConvNetworkFile {

    private static final String MAGIC = "AUSCULT-CONV-NETWORK";
    private static final int VERSION = 1;
    private static final int VERSION_BAND_SCORE = 2;
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_VALUES = 1 << 28;

    /**
     * What a file holds; {@code masking} is null for the conv AE, {@code bandScore} null for a
     * network scored by its mean squared error.
     */
    record Contents(String kind, int mels, MaeMasking masking, ConvBackboneWeights weights,
                    BandErrorStatistics bandScore) {
    }

    private ConvNetworkFile() {
    }

    static void write(OutputStream out, Contents c) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeBytes(MAGIC);
        data.writeInt(c.bandScore() == null ? VERSION : VERSION_BAND_SCORE);
        data.writeUTF(c.kind());
        data.writeInt(c.mels());
        if (c.masking() != null) {
            data.writeInt(c.masking().patchMels());
            data.writeInt(c.masking().patchFrames());
            data.writeDouble(c.masking().ratio());
            data.writeUTF(c.masking().kind().name());
        }
        if (c.bandScore() != null) {
            BandErrorStatistics b = c.bandScore();
            data.writeInt(b.bands());
            for (double v : b.mean()) {
                data.writeDouble(v);
            }
            for (double v : b.std()) {
                data.writeDouble(v);
            }
        }
        Map<String, ConvStateTensor> dict = c.weights().toStateDict();
        data.writeInt(dict.size());
        for (Map.Entry<String, ConvStateTensor> e : dict.entrySet()) {
            data.writeUTF(e.getKey());
            int[] shape = e.getValue().shape();
            data.writeInt(shape.length);
            for (int d : shape) {
                data.writeInt(d);
            }
            for (double v : e.getValue().values()) {
                data.writeDouble(v);
            }
        }
        data.flush();
    }

    /** Reads a network; a file of another kind, version or a damaged one is refused with the reason. */
    static Contents read(InputStream in, String expectedKind) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            byte[] magic = data.readNBytes(MAGIC.length());
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException("not an Auscult conv network (it does not start with " + MAGIC + ")");
            }
            int version = data.readInt();
            if (version != VERSION && version != VERSION_BAND_SCORE) {
                throw new IOException("conv network format version " + version + " is not supported (this "
                        + "version of Auscult reads versions " + VERSION + " and " + VERSION_BAND_SCORE + ")");
            }
            String kind = data.readUTF();
            if (!kind.equals(expectedKind)) {
                throw new IOException("the network is a '" + kind + "', not a '" + expectedKind + "'");
            }
            int mels = data.readInt();
            MaeMasking masking = null;
            if (kind.equals(MaskedAutoencoder.KIND)) {
                int patchMels = data.readInt();
                int patchFrames = data.readInt();
                double ratio = data.readDouble();
                masking = new MaeMasking(patchMels, patchFrames, ratio, MaeMaskKind.valueOf(data.readUTF()));
            }
            BandErrorStatistics bandScore = null;
            if (version == VERSION_BAND_SCORE) {
                int bands = data.readInt();
                if (bands != mels) {
                    throw new IOException("the band score's statistics cover " + bands + " bands, the network "
                            + mels);
                }
                double[] mean = new double[bands];
                double[] std = new double[bands];
                for (int m = 0; m < bands; m++) {
                    mean[m] = data.readDouble();
                }
                for (int m = 0; m < bands; m++) {
                    std[m] = data.readDouble();
                    if (!(std[m] > 0) || !Double.isFinite(std[m]) || !Double.isFinite(mean[m])) {
                        throw new IOException("the band score's statistics of band " + m + " are not usable");
                    }
                }
                bandScore = new BandErrorStatistics(mean, std);
            }
            int entries = data.readInt();
            if (entries < 0 || entries > MAX_ENTRIES) {
                throw new IOException("implausible number of weight entries: " + entries);
            }
            Map<String, ConvStateTensor> dict = new LinkedHashMap<>();
            for (int e = 0; e < entries; e++) {
                String name = data.readUTF();
                int rank = data.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException("entry " + name + " has implausible rank " + rank);
                }
                int[] shape = new int[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = data.readInt();
                    n *= shape[d];
                    if (shape[d] < 0 || n > MAX_VALUES) {
                        throw new IOException("entry " + name + " has an implausible shape");
                    }
                }
                double[] values = new double[(int) n];
                for (int i = 0; i < values.length; i++) {
                    values[i] = data.readDouble();
                }
                dict.put(name, new ConvStateTensor(shape, values));
            }
            return new Contents(kind, mels, masking, ConvBackboneWeights.fromStateDict(dict), bandScore);
        } catch (EOFException e) {
            throw new IOException("the conv network is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the conv network is damaged: " + e.getMessage(), e);
        }
    }

}
