package io.auscult.detect.nn;

import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.dnnl_blocking_desc_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;

/**
 * oneDNN (the JavaCPP build of Intel's library), called directly for the conv backbone's float
 * passes: ND4J 1.0.0-M2.1 reaches the same library only through a wrapper that, for every call,
 * reorders the input, weights and output between its plain layout and oneDNN's blocked one and
 * builds the primitive again (measured on the 10-s clip: 0.5-0.6 ms of a 1.3-1.45-ms convolution).
 * Called directly, the weights are reordered once, the activations stay blocked from layer to
 * layer and the primitives are made once per shape (docs/decisions/0014).
 *
 * <p>The library is optional at run time: where its native binary does not load (a platform
 * without one), {@link #available()} is false and the ND4J plan runs instead. The system property
 * {@value #PROPERTY}{@code =false} turns it off (for comparisons).
 */
final class OneDnn {

    /** System property that turns the direct oneDNN path off when set to {@code false}. */
    static final String PROPERTY = "auscult.onednn";

    private OneDnn() {
    }

    /** True if oneDNN's CPU engine can be used in this process (and it is not turned off). */
    static boolean available() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY)) && Holder.ENGINE != null;
    }

    /** The CPU engine; only when {@link #available()}. */
    static engine cpu() {
        if (Holder.ENGINE == null) {
            throw new IllegalStateException("oneDNN is not available in this process");
        }
        return Holder.ENGINE;
    }

    /**
     * The channel block of the layout oneDNN chooses for conv activations on this processor (8 with
     * AVX2, 16 with AVX-512; 1 if it chooses a plain layout); only when {@link #available()}.
     */
    static int channelBlock() {
        return Holder.BLOCK;
    }

    /** Loaded on first use, once per process. */
    private static final class Holder {
        static final engine ENGINE;
        static final int BLOCK;

        static {
            engine cpu = load();
            int block = 1;
            if (cpu != null) {
                try {
                    block = probeBlock(cpu);
                } catch (RuntimeException e) {
                    // A library that cannot plan a plain conv is not one to use: the ND4J plan runs.
                    cpu.close();
                    cpu = null;
                }
            }
            ENGINE = cpu;
            BLOCK = block;
        }

        /** The channel block of a 16 -> 16 channel conv's output in the layout oneDNN picks. */
        private static int probeBlock(engine cpu) {
            memory.data_type f32 = memory.data_type.f32;
            try (memory.desc src = new memory.desc(new long[] {1, 16, 8, 8}, f32, memory.format_tag.any);
                 memory.desc weights = new memory.desc(new long[] {16, 16, 3, 3}, f32, memory.format_tag.any);
                 memory.desc dst = new memory.desc(new long[] {1, 16, 4, 4}, f32, memory.format_tag.any);
                 convolution_forward.desc d = new convolution_forward.desc(dnnl.prop_kind.forward_inference,
                         dnnl.algorithm.convolution_direct, src, weights, dst, new long[] {2, 2}, new long[] {1, 1},
                         new long[] {0, 0});
                 convolution_forward.primitive_desc pd = new convolution_forward.primitive_desc(d, cpu);
                 memory.desc chosen = pd.dst_desc()) {
                dnnl_blocking_desc_t blocking = chosen.data().format_desc_blocking();
                if (blocking.inner_nblks() == 1 && blocking.inner_idxs().get(0) == 1) {
                    return (int) blocking.inner_blks().get(0);
                }
                return 1;
            }
        }

        private static engine load() {
            try {
                Loader.load(dnnl.class);
                return new engine(engine.kind.cpu, 0);
            } catch (LinkageError | RuntimeException e) {
                // No native binary for this platform, or it failed to load: the ND4J plan is used.
                return null;
            }
        }
    }
}
