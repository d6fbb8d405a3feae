package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CalibrationTest {

	@Test
	void handComputedEce() {
		// 4 cases at 0.9, all right: |1 - 0.9| = 0.1 in bin (0.8, 0.9].
		Calibration c = Calibration.of(new double[] { 0.9, 0.9, 0.9, 0.9 }, new boolean[] { true, true, true, true }, 10);
		assertEquals(0.1, c.ece(), 1e-12);
		assertEquals(4, c.bins().get(8).count());
		// Two bins: 10 cases at 0.8 with 8 hits (gap 0), 10 cases at 0.3 with 0 hits (gap 0.3) -> 0.15.
		double[] p = new double[20];
		boolean[] y = new boolean[20];
		for (int i = 0; i < 10; i++) {
			p[i] = 0.8;
			y[i] = i < 8;
			p[10 + i] = 0.3;
		}
		Calibration two = Calibration.of(p, y, 10);
		assertEquals(0.15, two.ece(), 1e-12);
		assertEquals(0.3, two.mce(), 1e-12);
		assertEquals(0.8, two.bins().get(7).frequency(), 1e-12);
		assertTrue(Double.isNaN(two.bins().get(0).meanConfidence()), "empty bin has no mean");
	}

	@Test
	void binEdgesAreRightClosed() {
		Calibration c = Calibration.of(new double[] { 0.0, 0.1, 0.1000001, 1.0 }, new boolean[4], 10);
		assertEquals(2, c.bins().get(0).count()); // 0 and 0.1
		assertEquals(1, c.bins().get(1).count());
		assertEquals(1, c.bins().get(9).count());
	}

	@Test
	void perfectlyCalibratedDataHaveNearZeroEce() {
		Random r = new Random(3);
		int n = 100_000;
		double[] p = new double[n];
		boolean[] y = new boolean[n];
		for (int i = 0; i < n; i++) {
			p[i] = r.nextDouble();
			y[i] = r.nextDouble() < p[i];
		}
		Calibration c = Calibration.of(p, y, 10);
		// Sampling noise only: per-bin SE ≈ sqrt(0.25/10000) = 0.005.
		assertTrue(c.ece() < 0.01, "ECE " + c.ece());
	}

	@Test
	void topLabelUsesArgmaxConfidence() {
		double[][] probs = { { 0.7, 0.2, 0.1 }, { 0.1, 0.6, 0.3 }, { 0.2, 0.2, 0.6 } };
		int[] truth = { 0, 2, 2 };
		Calibration c = Calibration.topLabel(probs, truth, 5);
		// bins (0.4,0.6]: 0.6 wrong, 0.6 right -> acc 0.5, conf 0.6; (0.6,0.8]: 0.7 right.
		assertEquals(2, c.bins().get(2).count());
		assertEquals((2 * 0.1 + 1 * 0.3) / 3, c.ece(), 1e-12);
	}
}
