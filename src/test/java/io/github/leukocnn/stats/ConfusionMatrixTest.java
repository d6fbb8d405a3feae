package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

	private static final List<String> CLASSES = List.of("benign", "early", "pre", "pro");

	/**
	 * truth\pred  benign early pre pro
	 * benign        8     1    1   0    (10)
	 * early         2     5    3   0    (10)
	 * pre           0     1    9   0    (10)
	 * pro           0     0    0   0    ( 0)  never occurs and never predicted
	 */
	private static ConfusionMatrix example() {
		ConfusionMatrix m = new ConfusionMatrix(CLASSES);
		int[][] table = { { 8, 1, 1, 0 }, { 2, 5, 3, 0 }, { 0, 1, 9, 0 }, { 0, 0, 0, 0 } };
		for (int t = 0; t < 4; t++)
			for (int p = 0; p < 4; p++)
				for (int k = 0; k < table[t][p]; k++)
					m.add(t, p);
		return m;
	}

	@Test
	void countsAndAccuracy() {
		ConfusionMatrix m = example();
		assertEquals(30, m.total());
		assertEquals(10, m.support(1));
		assertEquals(13, m.predictedCount(2));
		assertEquals(22.0 / 30, m.accuracy(), 1e-12);
		assertEquals(22.0 / 30, m.accuracyInterval().estimate(), 1e-12);
	}

	@Test
	void perClassPrecisionRecallF1() {
		ConfusionMatrix m = example();
		assertEquals(8.0 / 10, m.precision(0), 1e-12);
		assertEquals(5.0 / 7, m.precision(1), 1e-12);
		assertEquals(9.0 / 13, m.precision(2), 1e-12);
		assertTrue(Double.isNaN(m.precision(3)));
		assertEquals(0.8, m.recall(0), 1e-12);
		assertEquals(0.5, m.recall(1), 1e-12);
		assertEquals(0.9, m.recall(2), 1e-12);
		assertTrue(Double.isNaN(m.recall(3)));
		assertEquals(2 * 8.0 / (16 + 2 + 2), m.f1(0), 1e-12);
		assertEquals(2 * 5.0 / (10 + 2 + 5), m.f1(1), 1e-12);
		assertEquals(2 * 9.0 / (18 + 4 + 1), m.f1(2), 1e-12);
		assertTrue(Double.isNaN(m.f1(3)));
		// Absent class is skipped in the macro averages.
		assertEquals((0.8 + 10.0 / 17 + 18.0 / 23) / 3, m.macroF1(), 1e-12);
		assertEquals((0.8 + 0.5 + 0.9) / 3, m.balancedAccuracy(), 1e-12);
	}

	@Test
	void binaryCollapse() {
		BinaryCounts b = example().binary(Set.of("early", "pre", "pro"));
		// positives: early+pre rows = 20; predicted positive among them = 5+3+1+9 = 18
		assertEquals(18, b.truePositives());
		assertEquals(2, b.falseNegatives());
		assertEquals(8, b.trueNegatives());
		assertEquals(2, b.falsePositives());
		assertEquals(0.9, b.sensitivity().estimate(), 1e-12);
		assertEquals(0.8, b.specificity().estimate(), 1e-12);
		assertEquals(0.85, b.balancedAccuracy(), 1e-12);
		assertEquals(26.0 / 30, b.accuracy().estimate(), 1e-12);
		assertEquals(0.9, b.precision().estimate(), 1e-12);
		assertEquals(0.8, b.negativePredictiveValue().estimate(), 1e-12);
		assertEquals(36.0 / 40, b.f1(), 1e-12);
		// The interval is the Wilson interval of the same counts.
		assertEquals(Wilson.interval95(18, 20), b.sensitivity());
	}

	@Test
	void rejectsUnknownPositiveClassAndBadIndex() {
		ConfusionMatrix m = example();
		assertThrows(IllegalArgumentException.class, () -> m.binary(Set.of("blast")));
		assertThrows(IndexOutOfBoundsException.class, () -> m.add(4, 0));
		assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(List.of("a", "a")));
	}
}
