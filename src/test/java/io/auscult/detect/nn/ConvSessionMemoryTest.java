package io.auscult.detect.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool behind the graphs' SameDiff sessions. */
class ConvSessionMemoryTest {

    @Test
    void arraysComeBackAfterTheCallAndAreReusedBySize() {
        try (ConvSessionMemory memory = new ConvSessionMemory()) {
            INDArray a = memory.allocate(false, DataType.FLOAT, 2, 3);
            INDArray b = memory.allocate(true, DataType.FLOAT, 4);
            memory.endCall();
            assertThat(memory.pooledBytes()).isEqualTo((6 + 4) * 4);
            assertThat(memory.allocate(false, DataType.FLOAT, 2, 3)).isSameAs(a);
            assertThat(memory.allocate(false, DataType.FLOAT, 4)).isSameAs(b);
            assertThat(memory.allocate(false, DataType.FLOAT, 2, 3)).isNotSameAs(a);
            memory.endCall();
            assertThat(memory.pooledBytes()).isEqualTo((6 + 4 + 6) * 4);
        }
    }

    @Test
    void shapesTheLastCallDidNotUseAreFreed() {
        try (ConvSessionMemory memory = new ConvSessionMemory()) {
            INDArray old = memory.allocate(false, DataType.FLOAT, 100);
            memory.endCall();
            memory.allocate(false, DataType.FLOAT, 5);
            memory.endCall();
            assertThat(memory.pooledBytes()).isEqualTo(5 * 4);
            assertThat(old.wasClosed()).isTrue();
            memory.trim();
            assertThat(memory.pooledBytes()).isZero();
        }
    }
}
