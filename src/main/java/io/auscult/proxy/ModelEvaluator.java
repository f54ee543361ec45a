package io.auscult.proxy;

import io.auscult.features.Spectrogram;
import io.auscult.metrics.Auc;
import io.auscult.metrics.PartialAuc;
import io.auscult.metrics.SiSdr;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Evaluates a proxy model at one checkpoint: its proxy metric on the held-out normal clips, the
 * LP and MD detectors on its embeddings of the test clips, the task's own detection score where
 * it has one, and the effective rank of its normal embeddings. The validation mixtures and views
 * come from a fixed seed, so every model of a task is judged on the same material.
 */
final class ModelEvaluator {

    private final LabData data;
    private final int cropFrames;
    private final long seed;
    private final List<LabClip> train;
    private final List<LabClip> validation;
    private final List<LabClip> test;
    private final List<Spectrogram> trainSt;
    private final List<Spectrogram> validationSt;
    private final List<Spectrogram> testSt;

    ModelEvaluator(LabData data, int cropFrames, long seed) {
        this.data = data;
        this.cropFrames = cropFrames;
        this.seed = seed;
        this.train = data.role(LabClip.Role.TRAIN);
        this.validation = data.role(LabClip.Role.VALIDATION);
        this.test = data.role(LabClip.Role.TEST);
        this.trainSt = train.stream().map(data::standardised).toList();
        this.validationSt = validation.stream().map(data::standardised).toList();
        this.testSt = test.stream().map(data::standardised).toList();
        boolean normal = test.stream().anyMatch(c -> !c.anomalous());
        boolean anomaly = test.stream().anyMatch(LabClip::anomalous);
        if (!normal || !anomaly) {
            throw new IllegalArgumentException("the lab needs normal and anomalous test clips to measure detection; "
                    + "found " + test.size() + " test clips" + (normal ? " but no anomaly" : " but no normal one"));
        }
    }

    ModelResult evaluate(ProxyModel model, String capacity, int epoch, int embeddingDim, double trainLoss) {
        ProxyTaskKind kind = model.kind();
        double proxy = switch (kind) {
            case RECONSTRUCTION -> meanSquaredError(model, validationSt);
            case CLASSIFICATION -> accuracy(model);
            case SEPARATION -> separationImprovement(model);
            case CONTRASTIVE -> retrievalAccuracy(model);
            case PRETRAINED -> Double.NaN;
        };
        double[][] trainEmb = model.embed(trainSt);
        double[][] testEmb = model.embed(testSt);
        boolean[] anomalous = new boolean[test.size()];
        int[] testGroups = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            anomalous[i] = test.get(i).anomalous();
            testGroups[i] = test.get(i).classIndex();
        }
        int[] trainGroups = train.stream().mapToInt(LabClip::classIndex).toArray();
        double lp = LinearProbe.crossValidatedAuc(testEmb, anomalous, testGroups, seed);
        MahalanobisDetector md = new MahalanobisDetector(trainEmb, trainGroups);
        double[] mdScores = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            mdScores[i] = md.score(testEmb[i], testGroups[i]);
        }
        double mdAuc = Auc.of(mdScores, anomalous);
        double[] direct = directScores(model);
        double directAuc = direct == null ? Double.NaN : Auc.of(direct, anomalous);
        double directPauc = direct == null ? Double.NaN : PartialAuc.of(direct, anomalous);
        String name = kind.word() + (kind.trains() ? "-" + capacity + "-e" + epoch : "-" + capacity);
        return new ModelResult(kind, name, capacity, epoch, embeddingDim, trainLoss, proxy, lp, mdAuc, directAuc,
                directPauc, effectiveRank(trainEmb));
    }

    /** The task's own anomaly score of each test clip, or null: reconstruction error; −log p(true id). */
    private double[] directScores(ProxyModel model) {
        return switch (model.kind()) {
            case RECONSTRUCTION -> perClipSquaredError(model, testSt);
            case CLASSIFICATION -> {
                List<double[]> logp = model.output(testSt);
                double[] s = new double[test.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = -logp.get(i)[test.get(i).classIndex()];
                }
                yield s;
            }
            default -> null;
        };
    }

    private static double[] perClipSquaredError(ProxyModel model, List<Spectrogram> clips) {
        List<double[]> out = model.output(clips);
        double[] err = new double[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            Spectrogram s = clips.get(i);
            int frames = model.usableFrames(s.frames());
            double[] r = out.get(i);
            double sum = 0;
            for (int m = 0; m < s.mels(); m++) {
                for (int t = 0; t < frames; t++) {
                    double d = s.get(t, m) - r[m * frames + t];
                    sum += d * d;
                }
            }
            err[i] = sum / (s.mels() * (double) frames);
        }
        return err;
    }

    private static double meanSquaredError(ProxyModel model, List<Spectrogram> clips) {
        double[] e = perClipSquaredError(model, clips);
        double sum = 0;
        for (double v : e) {
            sum += v;
        }
        return sum / e.length;
    }

    private double accuracy(ProxyModel model) {
        List<double[]> logp = model.output(validationSt);
        int right = 0;
        for (int i = 0; i < validation.size(); i++) {
            double[] p = logp.get(i);
            int arg = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[arg]) {
                    arg = k;
                }
            }
            right += arg == validation.get(i).classIndex() ? 1 : 0;
        }
        return right / (double) validation.size();
    }

    /**
     * Mean SI-SDR improvement over the validation mixtures: each held-out clip mixed with another
     * held-out clip of another group (or, every fourth, stationary noise) at a seeded SNR in
     * [−5, 5] dB. SI-SDR is taken on the mel magnitude (√power), the signal the mask acts on:
     * estimate = mask ⊙ mixture magnitude, reference = the target's magnitude.
     */
    private double separationImprovement(ProxyModel model) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5E9A7A7EL);
        double sum = 0;
        int mels = data.mels();
        for (int i = 0; i < validation.size(); i++) {
            LabClip target = validation.get(i);
            LabClip other = null;
            if (i % 4 != 3) {
                for (int j = 1; j < validation.size() && other == null; j++) {
                    LabClip c = validation.get((i + j) % validation.size());
                    if (c.classIndex() != target.classIndex()) {
                        other = c;
                    }
                }
            }
            int frames = model.usableFrames(other == null ? target.logMelDb().frames()
                    : Math.min(target.logMelDb().frames(), other.logMelDb().frames()));
            int n = mels * frames;
            double[] t = new double[n];
            double[] o = new double[n];
            Crops.cropDb(target.logMelDb(), 0, frames, t);
            if (other == null) {
                Crops.noiseDb(random, o);
            } else {
                Crops.cropDb(other.logMelDb(), 0, frames, o);
            }
            double[] mixDb = new double[n];
            double[] targetMag = new double[n];
            double[] mixMag = new double[n];
            Crops.mix(t, o, random.nextDouble(ProxyTrainer.MIN_SNR_DB, ProxyTrainer.MAX_SNR_DB), mixDb, targetMag,
                    mixMag);
            float[] x = new float[n];
            Crops.putStandardised(mixDb, data.standardiser(), frames, x, 0);
            INDArray in = Crops.nhwc(x, 1, mels, frames);
            double[] mask = ProxyModel.toDoubles(model.forward(in, ProxyGraph.OUTPUT));
            in.close();
            double[] estimate = new double[n];
            for (int k = 0; k < n; k++) {
                estimate[k] = mask[k] * mixMag[k];
            }
            sum += SiSdr.improvement(estimate, mixMag, targetMag);
        }
        return sum / validation.size();
    }

    /**
     * Top-1 retrieval: two seeded augmented crops of every held-out clip; the share of first views
     * whose most similar second view (cosine of the projections) is their own.
     */
    private double retrievalAccuracy(ProxyModel model) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0417A57L);
        int mels = data.mels();
        int n = validation.size();
        int per = mels * cropFrames;
        float[] x = new float[2 * n * per];
        double[] a = new double[per];
        double[] scratch = new double[per];
        double[] mixDb = new double[per];
        for (int i = 0; i < n; i++) {
            Spectrogram s = validation.get(i).logMelDb();
            for (int view = 0; view < 2; view++) {
                int start = s.frames() <= cropFrames ? 0 : random.nextInt(s.frames() - cropFrames + 1);
                Crops.cropDb(s, start, cropFrames, a);
                Crops.augment(random, a, scratch, mixDb);
                Crops.putStandardised(a, data.standardiser(), cropFrames, x, i + view * n);
            }
        }
        INDArray in = Crops.nhwc(x, 2 * n, mels, cropFrames);
        INDArray z = model.forward(in, ProxyGraph.OUTPUT);
        double[][] rows = new double[2 * n][];
        for (int i = 0; i < 2 * n; i++) {
            rows[i] = ProxyModel.toDoubles(z.getRow(i));
        }
        in.close();
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double sim = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    sim += rows[i][k] * rows[n + j][k];
                }
                if (sim > bestSim) {
                    bestSim = sim;
                    best = j;
                }
            }
            right += best == i ? 1 : 0;
        }
        return right / (double) n;
    }

    /**
     * exp of the entropy of the normalised singular values of the centred embeddings (Roy and
     * Vetterli's effective rank; RankMe uses it for self-supervised embeddings): 1 when all
     * embeddings lie on a line, the dimension when they spread evenly.
     */
    static double effectiveRank(double[][] embeddings) {
        int n = embeddings.length;
        int p = embeddings[0].length;
        double[][] c = new double[n][p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (double[] row : embeddings) {
                mean += row[j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i][j] = embeddings[i][j] - mean;
            }
        }
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(c, false)).getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v;
        }
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double v : s) {
            double q = v / total;
            if (q > 0) {
                entropy -= q * Math.log(q);
            }
        }
        return Math.exp(entropy);
    }
}
