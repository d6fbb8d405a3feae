package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeldOutScoresTest {

	@Test
	void balancedAccuracyWeighsEachClassEqually() {
		// 1 benign (wrong) and 3 blasts (right): accuracy 0.75, balanced (0 + 1) / 2
		int[] truth = { 0, 1, 1, 1 };
		float[][] p = { { 0.4f, 0.6f }, { 0.1f, 0.9f }, { 0.2f, 0.8f }, { 0.3f, 0.7f } };
		HeldOutScores s = new HeldOutScores(truth, p, truth, p, 0);
		assertEquals(0.75, s.itemAccuracy(), 1e-12);
		assertEquals(0.5, s.itemBalancedAccuracy(), 1e-12);
	}

	@Test
	void absentClassesDoNotCount() {
		int[] truth = { 2, 2 };
		float[][] p = { { 0, 0, 1 }, { 0, 1, 0 } };
		assertEquals(0.5, new HeldOutScores(truth, p, truth, p, 0).itemBalancedAccuracy(), 1e-12);
	}
}
