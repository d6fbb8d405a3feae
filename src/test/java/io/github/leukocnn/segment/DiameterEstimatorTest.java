package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;

class DiameterEstimatorTest {

	private static ColorProcessor field(double scale) {
		SyntheticSmears s = new SyntheticSmears((int) (400 * scale), (int) (300 * scale));
		s.redCell(40 * scale, 40 * scale, 18 * scale).redCell(360 * scale, 50 * scale, 18 * scale)
			.redCell(50 * scale, 250 * scale, 18 * scale).redCell(340 * scale, 240 * scale, 18 * scale)
			.leukocyte(120 * scale, 120 * scale, 30 * scale, 20 * scale)
			.leukocyte(270 * scale, 170 * scale, 30 * scale, 20 * scale);
		return s.noisy(5, 11);
	}

	@Test
	void estimatesTheLeukocyteDiameterAtAnyScale() {
		for (double scale : new double[] { 0.6, 1, 2.5 }) {
			double d = DiameterEstimator.estimate(field(scale));
			assertEquals(60 * scale, d, 0.2 * 60 * scale, "diameter at scale " + scale);
		}
	}

	@Test
	void fallsBackWithoutNuclei() {
		ColorProcessor blank = new SyntheticSmears(100, 80).noisy(0, 1);
		assertEquals(DiameterEstimator.FALLBACK_DIAMETER, DiameterEstimator.estimate(blank));
	}
}
