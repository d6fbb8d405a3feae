package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The multiple-instance rules give proper distributions with the intended behaviour. */
class FieldAggregationTest {

	static final float[] PRIOR = { 0.5f, 0.25f, 0.25f };
	static final boolean[] POS = { false, true, true };

	@Test
	void noCellsGivesThePrior() {
		for (FieldAggregation a : FieldAggregation.values())
			assertArrayEquals(PRIOR, a.aggregate(new float[0][], PRIOR, POS));
	}

	@Test
	void meanLogIsTheNormalisedGeometricMean() {
		float[] p = FieldAggregation.MEAN_LOG.aggregate(new float[][] { { 0.8f, 0.1f, 0.1f }, { 0.2f, 0.4f, 0.4f } }, PRIOR, POS);
		double a = Math.sqrt(0.8 * 0.2), b = Math.sqrt(0.1 * 0.4);
		assertEquals(a / (a + 2 * b), p[0], 1e-5);
		assertEquals(1, p[0] + p[1] + p[2], 1e-5);
	}

	@Test
	void noisyOrTurnsPositiveOnOneConfidentBlast() {
		float[][] cells = { { 0.99f, 0.005f, 0.005f }, { 0.99f, 0.005f, 0.005f }, { 0.02f, 0.9f, 0.08f } };
		float[] or = FieldAggregation.NOISY_OR.aggregate(cells, PRIOR, POS);
		float[] mean = FieldAggregation.MEAN_PROB.aggregate(cells, PRIOR, POS);
		assertTrue(or[1] + or[2] > 0.9, "noisy-OR positive mass " + (or[1] + or[2]));
		assertTrue(mean[0] > 0.6, "mean stays benign " + mean[0]);
		assertTrue(or[1] > or[2]);
		assertEquals(1, or[0] + or[1] + or[2], 1e-5);
	}

	@Test
	void aNaNOrInfiniteCellProbabilityIsRefusedInsteadOfGivingThePrior() {
		float[][] cells = { { 0.1f, 0.8f, 0.1f }, { 0.2f, Float.NaN, 0.1f } };
		for (FieldAggregation rule : FieldAggregation.values()) {
			String msg = assertThrows(IllegalArgumentException.class, () -> rule.aggregate(cells, PRIOR, POS), rule.name()).getMessage();
			assertTrue(msg.contains("cell 2 of 2") && msg.contains("NaN") && msg.contains("class 2"), msg);
		}
		float[][] infinite = { { 0.1f, Float.POSITIVE_INFINITY, 0.1f } };
		assertThrows(IllegalArgumentException.class, () -> FieldAggregation.MEAN_LOG.aggregate(infinite, PRIOR, POS));
	}
}
