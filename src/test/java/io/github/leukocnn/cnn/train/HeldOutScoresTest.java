package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeldOutScoresTest {

	@Test
	void balancedAccuracyWeighsEachClassEqually() {
		// images: 1 benign (wrong) and 3 blasts (right): accuracy 0.75, balanced (0 + 1) / 2
		int[] truth = { 0, 1, 1, 1 };
		float[][] p = { { 0.4f, 0.6f }, { 0.1f, 0.9f }, { 0.2f, 0.8f }, { 0.3f, 0.7f } };
		// cells, scored apart from the images: 1 of 2 benign and 2 of 3 blasts right, accuracy 3/5
		// (balanced 7/12); taken for the images' numbers, or the images' for theirs, they would show
		int[] cellTruth = { 0, 0, 1, 1, 1 };
		float[][] cellP = { { 0.8f, 0.2f }, { 0.3f, 0.7f }, { 0.1f, 0.9f }, { 0.6f, 0.4f }, { 0.2f, 0.8f } };
		HeldOutScores s = new HeldOutScores(truth, p, cellTruth, cellP, 0);
		assertEquals(0.75, s.itemAccuracy(), 1e-12);
		assertEquals(0.5, s.itemBalancedAccuracy(), 1e-12);
		assertEquals(0.6, s.cellAccuracy(), 1e-12);
	}

	@Test
	void absentClassesDoNotCount() {
		// images: only class 2 present, 1 of 2 right: 0.5 (1/6 if the absent classes 0 and 1 counted as 0)
		int[] truth = { 2, 2 };
		float[][] p = { { 0, 0, 1 }, { 0, 1, 0 } };
		// cells: all three right
		int[] cellTruth = { 0, 2, 2 };
		float[][] cellP = { { 1, 0, 0 }, { 0, 0, 1 }, { 0.2f, 0.1f, 0.7f } };
		HeldOutScores s = new HeldOutScores(truth, p, cellTruth, cellP, 0);
		assertEquals(0.5, s.itemBalancedAccuracy(), 1e-12);
		assertEquals(0.5, s.itemAccuracy(), 1e-12);
		assertEquals(1.0, s.cellAccuracy(), 1e-12);
	}
}
