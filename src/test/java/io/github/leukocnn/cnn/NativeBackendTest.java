package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The nd4j CPU backend and its natives load on this platform and compute correctly. */
class NativeBackendTest {

	@Test
	void matrixProductOnCpuBackend() {
		INDArray a = Nd4j.create(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
		INDArray b = Nd4j.create(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
		INDArray c = a.mmul(b);
		assertEquals(19f, c.getFloat(0, 0), 1e-6);
		assertEquals(50f, c.getFloat(1, 1), 1e-6);
		assertEquals("CPU", Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
	}
}
