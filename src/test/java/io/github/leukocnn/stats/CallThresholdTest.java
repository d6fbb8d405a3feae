package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CallThresholdTest {

	@Test
	void separableScoresGetAThresholdInTheGap() {
		double[] s = { 0.1, 0.3, 0.62, 0.7, 0.9 };
		boolean[] t = { false, false, true, true, true };
		assertEquals((0.62 + 0.3) / 2, CallThreshold.youden(s, t), 1e-12);
	}

	@Test
	void overlappingScoresMaximiseYoudensJ() {
		// negatives spread up to 0.8 (hematogone-like), positives mostly high
		SplittableRandom r = new SplittableRandom(3);
		int n = 400;
		double[] s = new double[n];
		boolean[] t = new boolean[n];
		for (int i = 0; i < n; i++) {
			t[i] = i % 4 != 0;
			s[i] = t[i] ? 0.55 + 0.45 * r.nextDouble() : 0.8 * r.nextDouble();
		}
		double th = CallThreshold.youden(s, t);
		double best = j(s, t, th);
		for (double other = 0.01; other < 1; other += 0.01)
			assertTrue(j(s, t, other) <= best + 1e-12, "J at " + other + " beats J at the fitted " + th);
		assertTrue(th > 0.5 && th < 0.8, "threshold between the overlapping ranges: " + th);
	}

	@Test
	void oneSidedTruthGivesTheDefault() {
		assertEquals(CallThreshold.DEFAULT, CallThreshold.youden(new double[] { 0.2, 0.9 }, new boolean[] { true, true }));
		assertEquals(CallThreshold.DEFAULT, CallThreshold.youden(new double[] { 0.2, 0.9 }, new boolean[] { false, false }));
	}

	private static double j(double[] s, boolean[] t, double threshold) {
		int tp = 0, p = 0, tn = 0, n = 0;
		for (int i = 0; i < s.length; i++) {
			boolean called = s[i] >= threshold;
			if (t[i]) {
				p++;
				if (called) tp++;
			}
			else {
				n++;
				if (!called) tn++;
			}
		}
		return (double) tp / p + (double) tn / n - 1;
	}
}
