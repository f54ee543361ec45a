package io.auscult.detect.nn;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The native memory of one graph's SameDiff sessions: every op output comes from a pool keyed by
 * data type and shape, and after each call every array handed out is taken back, so the next
 * call with the same shapes allocates nothing.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 releases almost none of a gradient call's intermediate arrays to
 * its own cache (measured: 329 allocations, 809 MB, 6 releases per training step at batch 32),
 * so they wait for Java's garbage collector; native memory then climbs to JavaCPP's limit, which
 * stalls allocation with forced collections (steps of 0.2 s took up to 2.4 s). Here memory is
 * one call's working set, reused.
 *
 * <p>Contract with the callers (the conv graphs): the arrays a call returns belong to this pool;
 * callers copy what they need before the next call and never close them. Arrays of shapes the
 * last call did not use are freed at its end, so a change of input size does not accumulate.
 */
final class ConvSessionMemory implements SessionMemMgr {

    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final List<INDArray> handedOut = new ArrayList<>();
    private final Map<String, Integer> usedThisCall = new HashMap<>();

    /** Makes the calling thread's sessions of {@code sd} and of its gradient function use this pool. */
    void attach(SameDiff sd) {
        attachTo(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad != null) {
            attachTo(grad);
        }
    }

    private void attachTo(SameDiff sd) {
        InferenceSession session = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> new InferenceSession(sd));
        if (session.getMmgr() != this) {
            session.setMmgr(this);
        }
    }

    private static String key(DataType type, long[] shape) {
        return type + Arrays.toString(shape);
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        String key = key(dataType, shape);
        usedThisCall.merge(key, 1, Integer::sum);
        ArrayDeque<INDArray> pool = free.get(key);
        INDArray a = pool == null || pool.isEmpty() ? Nd4j.createUninitializedDetached(dataType, shape) : pool.pop();
        handedOut.add(a);
        return a;
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return allocate(detached, descriptor.dataType(), descriptor.getShape());
    }

    @Override
    public INDArray ulike(INDArray array) {
        return allocate(false, array.dataType(), array.shape());
    }

    @Override
    public INDArray dup(INDArray array) {
        INDArray copy = ulike(array);
        copy.assign(array);
        return copy;
    }

    /** SameDiff's early releases are ignored: everything comes back at {@link #endCall()}. */
    @Override
    public void release(INDArray array) {
        // Taken back with the rest at the end of the call.
    }

    /**
     * Takes back every array handed out since the last call ended; frees pooled arrays of shapes
     * this call did not use (or used fewer of).
     */
    void endCall() {
        for (INDArray a : handedOut) {
            if (!a.wasClosed()) {
                free.computeIfAbsent(key(a.dataType(), a.shape()), k -> new ArrayDeque<>()).push(a);
            }
        }
        handedOut.clear();
        for (Map.Entry<String, ArrayDeque<INDArray>> e : free.entrySet()) {
            int keep = usedThisCall.getOrDefault(e.getKey(), 0);
            while (e.getValue().size() > keep) {
                e.getValue().pop().close();
            }
        }
        free.values().removeIf(ArrayDeque::isEmpty);
        usedThisCall.clear();
    }

    /** Frees every pooled array (between calls: nothing is handed out then). */
    void trim() {
        endCall();
        for (ArrayDeque<INDArray> q : free.values()) {
            for (INDArray a : q) {
                a.close();
            }
        }
        free.clear();
    }

    /** Bytes held for the next call. */
    long pooledBytes() {
        long bytes = 0;
        for (ArrayDeque<INDArray> q : free.values()) {
            for (INDArray a : q) {
                bytes += a.length() * a.dataType().width();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        trim();
    }
}
