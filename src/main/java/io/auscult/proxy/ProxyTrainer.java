package io.auscult.proxy;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one proxy task on the lab's normal training clips: seeded random crops, the task's
 * batch (crops; crops + class labels; mixtures + ideal masks; pairs of augmented views), Adam,
 * and a call-back at each checkpoint epoch with the model as it is then.
 *
 * <p>An epoch is {@code ceil(training frames / (crop frames x batch))} steps, about one pass over
 * the training frames.
 */
public final class ProxyTrainer {

    /** Receives the model at each checkpoint; it may evaluate it (the graph stays open during the call). */
    @FunctionalInterface
    interface CheckpointListener {
        void at(int epoch, ProxyModel model, double trainLoss);
    }

    /** SNR range of the separation task's mixtures (target to interferer), dB. */
    static final double MIN_SNR_DB = -5;
    static final double MAX_SNR_DB = 5;
    /** Share of separation mixtures whose interferer is stationary noise rather than another machine. */
    static final double NOISE_SHARE = 0.25;
    /** Training batches whose statistics become the batch norms' running statistics at a checkpoint. */
    static final int MIN_CALIBRATION_BATCHES = 4;
    static final int MAX_CALIBRATION_BATCHES = 16;

    private ProxyTrainer() {
    }

    static void train(ProxyTaskKind kind, LabData data, ProxyTrainingOptions options, EncoderWeights start,
                      CheckpointListener listener, Progress progress, Cancellation cancellation) {
        if (!kind.trains()) {
            throw new IllegalArgumentException("the " + kind + " encoder is frozen; it does not train");
        }
        List<LabClip> train = data.role(LabClip.Role.TRAIN);
        int mels = data.mels();
        int crop = options.cropFrames();
        int batch = options.batchSize();
        long frames = 0;
        for (LabClip c : train) {
            frames += c.logMelDb().frames();
        }
        int steps = (int) Math.max(1, (frames + (long) crop * batch - 1) / ((long) crop * batch));
        EncoderWeights encoder = start != null ? start : EncoderWeights.initial(options.widths(), options.seed());
        SplittableRandom random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        BatchMaker maker = new BatchMaker(kind, data, train, crop, batch);
        try (ProxyGraph graph = new ProxyGraph(kind, encoder, mels, data.classes().size(), options.seed(), true)) {
            ProxyModel model = new ProxyModel(graph, options.widths().size());
            int next = 0;
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                double sum = 0;
                for (int s = 0; s < steps; s++) {
                    cancellation.throwIfCancelled();
                    Map<String, INDArray> ph = maker.next(random);
                    double loss = graph.step(ph, options.learningRate());
                    ph.values().forEach(INDArray::close);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException(kind + " training diverged in epoch " + epoch + " (loss "
                                + loss + "); try a lower learning rate than " + options.learningRate());
                    }
                    sum += loss;
                    progress.report(((epoch - 1) + (s + 1.0) / steps) / options.epochs(), String.format(Locale.ROOT,
                            "%s %s epoch %d/%d, loss %.4g", kind, options.capacityLabel(), epoch, options.epochs(),
                            sum / (s + 1)));
                }
                if (epoch == options.checkpoints().get(next)) {
                    cancellation.throwIfCancelled();
                    recalibrate(graph, maker, options.seed() + epoch, Math.min(MAX_CALIBRATION_BATCHES,
                            Math.max(MIN_CALIBRATION_BATCHES, steps)));
                    listener.at(epoch, model, sum / steps);
                    next++;
                }
            }
        }
    }

    /**
     * Sets the batch norms' running statistics from training batches drawn as in training (their own
     * seed, so training's draws do not change): about one epoch of batches, at least
     * {@value #MIN_CALIBRATION_BATCHES} and at most {@value #MAX_CALIBRATION_BATCHES}.
     */
    private static void recalibrate(ProxyGraph graph, BatchMaker maker, long seed, int batches) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            Map<String, INDArray> ph = maker.next(random);
            inputs.add(ph.remove(ProxyGraph.X));
            ph.values().forEach(INDArray::close);
        }
        graph.recalibrate(inputs);
        inputs.forEach(INDArray::close);
    }

    /** Makes the placeholders of one training step for a task. */
    static final class BatchMaker {
        private final ProxyTaskKind kind;
        private final LabData data;
        private final List<LabClip> train;
        private final int crop;
        private final int batch;
        private final int mels;
        private final Standardiser st;
        private final double[] a;
        private final double[] b;
        private final double[] mixDb;
        private final double[] targetMag;
        private final double[] mixMag;

        BatchMaker(ProxyTaskKind kind, LabData data, List<LabClip> train, int crop, int batch) {
            this.kind = kind;
            this.data = data;
            this.train = train;
            this.crop = crop;
            this.batch = batch;
            this.mels = data.mels();
            this.st = data.standardiser();
            int n = mels * crop;
            a = new double[n];
            b = new double[n];
            mixDb = new double[n];
            targetMag = new double[n];
            mixMag = new double[n];
        }

        private int start(SplittableRandom random, Spectrogram s) {
            return s.frames() <= crop ? 0 : random.nextInt(s.frames() - crop + 1);
        }

        Map<String, INDArray> next(SplittableRandom random) {
            Map<String, INDArray> ph = new HashMap<>();
            float[] x = new float[batch * mels * crop];
            switch (kind) {
                case RECONSTRUCTION -> {
                    for (int i = 0; i < batch; i++) {
                        Spectrogram s = train.get(random.nextInt(train.size())).logMelDb();
                        Crops.cropDb(s, start(random, s), crop, a);
                        Crops.putStandardised(a, st, crop, x, i);
                    }
                }
                case CLASSIFICATION -> {
                    int classes = data.classes().size();
                    float[] y = new float[batch * classes];
                    for (int i = 0; i < batch; i++) {
                        LabClip c = train.get(random.nextInt(train.size()));
                        Crops.cropDb(c.logMelDb(), start(random, c.logMelDb()), crop, a);
                        Crops.putStandardised(a, st, crop, x, i);
                        y[i * classes + c.classIndex()] = 1;
                    }
                    ph.put(ProxyGraph.TARGET, Nd4j.create(y, new long[] {batch, classes}, 'c'));
                }
                case SEPARATION -> {
                    float[] mixture = new float[batch * mels * crop];
                    float[] target = new float[batch * mels * crop];
                    for (int i = 0; i < batch; i++) {
                        LabClip clip = train.get(random.nextInt(train.size()));
                        Crops.cropDb(clip.logMelDb(), start(random, clip.logMelDb()), crop, a);
                        interferer(random, clip, b);
                        Crops.mix(a, b, random.nextDouble(MIN_SNR_DB, MAX_SNR_DB), mixDb, targetMag, mixMag);
                        Crops.putStandardised(mixDb, st, crop, x, i);
                        double rms = 0;
                        for (double v : mixMag) {
                            rms += v * v;
                        }
                        rms = Math.sqrt(rms / mixMag.length);
                        int base = i * mels * crop;
                        for (int k = 0; k < mixMag.length; k++) {
                            mixture[base + k] = (float) (mixMag[k] / rms);
                            target[base + k] = (float) (targetMag[k] / rms);
                        }
                    }
                    ph.put(ProxyGraph.MIXTURE, Crops.nhwc(mixture, batch, mels, crop));
                    ph.put(ProxyGraph.TARGET, Crops.nhwc(target, batch, mels, crop));
                }
                case CONTRASTIVE -> {
                    int pairs = batch / 2;
                    for (int i = 0; i < pairs; i++) {
                        Spectrogram s = train.get(random.nextInt(train.size())).logMelDb();
                        for (int view = 0; view < 2; view++) {
                            Crops.cropDb(s, start(random, s), crop, a);
                            Crops.augment(random, a, b, mixDb);
                            Crops.putStandardised(a, st, crop, x, i + view * pairs);
                        }
                    }
                    ph.put(ProxyGraph.TARGET, pairTargets(batch));
                    ph.put(ProxyGraph.SELF_MASK, selfMask(batch));
                }
                default -> throw new IllegalStateException("no batches for " + kind);
            }
            ph.put(ProxyGraph.X, Crops.nhwc(x, batch, mels, crop));
            return ph;
        }

        /** Another machine's crop (another class where there is one) or stationary noise. */
        private void interferer(SplittableRandom random, LabClip target, double[] out) {
            if (data.classes().size() < 2 || random.nextDouble() < NOISE_SHARE) {
                Crops.noiseDb(random, out);
                return;
            }
            LabClip other;
            do {
                other = train.get(random.nextInt(train.size()));
            } while (other.classIndex() == target.classIndex());
            Crops.cropDb(other.logMelDb(), start(random, other.logMelDb()), crop, out);
        }
    }

    /** Row i's positive is the other view of the same clip: i + n/2 or i − n/2. */
    static INDArray pairTargets(int n) {
        float[] t = new float[n * n];
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            t[i * n + (i + half) % n] = 1;
        }
        return Nd4j.create(t, new long[] {n, n}, 'c');
    }

    /** −1e4 on the diagonal (exp underflows to 0): a view is never its own candidate. */
    static INDArray selfMask(int n) {
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            t[i * n + i] = -1e4f;
        }
        return Nd4j.create(t, new long[] {n, n}, 'c');
    }
}
