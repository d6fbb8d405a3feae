package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RocCurveTest {

	@Test
	void knownRankingWithoutTies() {
		// positives 0.9, 0.6; negatives 0.7, 0.3: 3 of 4 pairs ordered correctly
		RocCurve roc = RocCurve.of(new double[] { 0.9, 0.7, 0.6, 0.3 }, new boolean[] { true, false, true, false });
		assertEquals(0.75, roc.auc(), 1e-12);
		assertArrayEquals(new double[] { 0, 0, 0.5, 0.5, 1 }, roc.falsePositiveRates(), 1e-12);
		assertArrayEquals(new double[] { 0, 0.5, 0.5, 1, 1 }, roc.truePositiveRates(), 1e-12);
		assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
		assertEquals(0.3, roc.thresholds()[4]);
	}

	@Test
	void tiedScoresCountHalfAndFormOneDiagonalStep() {
		// positives 0.8, 0.5; negatives 0.5, 0.2: pairs 1 + 1 + 0.5 + 1 = 3.5 of 4
		RocCurve roc = RocCurve.of(new double[] { 0.5, 0.8, 0.2, 0.5 }, new boolean[] { false, true, false, true });
		assertEquals(0.875, roc.auc(), 1e-12);
		assertArrayEquals(new double[] { 0, 0, 0.5, 1 }, roc.falsePositiveRates(), 1e-12);
		assertArrayEquals(new double[] { 0, 0.5, 1, 1 }, roc.truePositiveRates(), 1e-12);
		// All scores equal: chance level exactly.
		assertEquals(0.5, RocCurve.auc(new double[] { 1, 1, 1, 1 }, new boolean[] { true, false, true, false }), 1e-12);
	}

	@Test
	void hanleyMcNeil1982RatingData() {
		// Hanley & McNeil, Radiology 1982;143:29-36, Table 1: CT ratings 1..5 of 58 normal and
		// 51 abnormal cases; the published trapezoidal (Wilcoxon) area is 0.893.
		int[] normal = { 33, 6, 6, 11, 2 }, abnormal = { 3, 2, 2, 11, 33 };
		double[] scores = new double[109];
		boolean[] truth = new boolean[109];
		int i = 0;
		for (int r = 0; r < 5; r++) {
			for (int k = 0; k < normal[r]; k++)
				scores[i++] = r + 1;
			for (int k = 0; k < abnormal[r]; k++) {
				truth[i] = true;
				scores[i++] = r + 1;
			}
		}
		RocCurve roc = RocCurve.of(scores, truth);
		assertEquals(0.893, roc.auc(), 5e-4);
		assertEquals(6, roc.thresholds().length); // 5 distinct ratings + the origin
		assertEquals(51, roc.positives());
		assertEquals(58, roc.negatives());
	}

	@Test
	void aucMatchesBruteForcePairCount() {
		Random r = new Random(7);
		for (int trial = 0; trial < 20; trial++) {
			int n = 5 + r.nextInt(60);
			double[] s = new double[n];
			boolean[] y = new boolean[n];
			for (int i = 0; i < n; i++) {
				s[i] = r.nextInt(8); // many ties
				y[i] = r.nextBoolean();
			}
			y[0] = true;
			y[1] = false;
			double wins = 0, pairs = 0;
			for (int a = 0; a < n; a++)
				for (int b = 0; b < n; b++)
					if (y[a] && !y[b]) {
						pairs++;
						wins += s[a] > s[b] ? 1 : s[a] == s[b] ? 0.5 : 0;
					}
			assertEquals(wins / pairs, RocCurve.auc(s, y), 1e-12);
		}
	}

	@Test
	void undefinedWithOneClassOnly() {
		assertTrue(Double.isNaN(RocCurve.auc(new double[] { 0.1, 0.2 }, new boolean[] { true, true })));
		assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] { Double.NaN }, new boolean[] { true }));
	}

	@Test
	void youdenPicksTheBestCut() {
		RocCurve roc = RocCurve.of(new double[] { 0.9, 0.8, 0.4, 0.3 }, new boolean[] { true, true, false, false });
		assertEquals(1.0, roc.auc(), 1e-12);
		assertEquals(0.8, roc.thresholds()[roc.youdenIndex()]);
	}

	@Test
	void bootstrapIsDeterministicAndContainsTheAuc() {
		Random r = new Random(11);
		int n = 200;
		double[] s = new double[n];
		boolean[] y = new boolean[n];
		for (int i = 0; i < n; i++) {
			y[i] = i % 2 == 0;
			s[i] = r.nextGaussian() + (y[i] ? 1.0 : 0.0);
		}
		Interval a = BootstrapAuc.interval95(s, y);
		Interval b = BootstrapAuc.interval95(s, y);
		assertEquals(a, b, "same seed, same interval");
		assertEquals(RocCurve.auc(s, y), a.estimate(), 1e-12);
		assertTrue(a.low() < a.estimate() && a.estimate() < a.high(), a.toString());
		// Binormal with d' = 1: AUC = Φ(1/√2) ≈ 0.76; SE with 100 + 100 cases ≈ 0.034 (Hanley-McNeil),
		// so the 95% interval is about 0.13 wide.
		assertTrue(a.width() > 0.09 && a.width() < 0.18, "width " + a.width());
		Interval other = BootstrapAuc.interval(s, y, 2000, 99, 0.95);
		assertNotEquals(a.low(), other.low(), "another seed resamples differently");
		assertEquals(a.low(), other.low(), 0.02);
	}

	@Test
	void bootstrapOfHanleyMcNeilAgreesWithTheirStandardError() {
		// Published SE of the 0.893 area: 0.032, i.e. a normal-approximation 95% CI of about 0.83..0.96.
		int[] normal = { 33, 6, 6, 11, 2 }, abnormal = { 3, 2, 2, 11, 33 };
		double[] s = new double[109];
		boolean[] y = new boolean[109];
		int i = 0;
		for (int r = 0; r < 5; r++) {
			for (int k = 0; k < normal[r]; k++)
				s[i++] = r;
			for (int k = 0; k < abnormal[r]; k++) {
				y[i] = true;
				s[i++] = r;
			}
		}
		Interval ci = BootstrapAuc.interval95(s, y);
		assertEquals(0.893 - 1.96 * 0.032, ci.low(), 0.02);
		assertEquals(Math.min(1, 0.893 + 1.96 * 0.032), ci.high(), 0.02);
	}
}
