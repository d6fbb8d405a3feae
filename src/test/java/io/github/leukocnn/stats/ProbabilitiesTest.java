package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

	// classes: benign, early, pre
	private static final boolean[] POSITIVE = { false, true, true };

	@Test
	void withoutThresholdTheArgmaxDecides() {
		assertEquals(0, Probabilities.decide(new double[] { 0.4, 0.3, 0.3 }, POSITIVE, Double.NaN));
	}

	@Test
	void theCallComesFirstThenTheMostProbableClassOnItsSide() {
		double[] p = { 0.4, 0.3, 0.3 }; // P(positive) = 0.6
		assertEquals(1, Probabilities.decide(p, POSITIVE, 0.5), "0.6 >= 0.5: positive, early first on ties");
		assertEquals(0, Probabilities.decide(p, POSITIVE, 0.65), "0.6 < 0.65: benign");
		double[] q = { 0.3, 0.2, 0.5 }; // argmax pre, P(positive) 0.7
		assertEquals(0, Probabilities.decide(q, POSITIVE, 0.8), "a high threshold overrules the argmax");
		assertEquals(2, Probabilities.decide(q, POSITIVE, 0.7), "at the threshold the call is positive");
	}

	@Test
	void oneSidedMasksFallBackToTheArgmax() {
		double[] p = { 0.2, 0.5, 0.3 };
		assertEquals(1, Probabilities.decide(p, new boolean[3], 0.1), "no positive class: nothing to call");
		assertEquals(1, Probabilities.decide(p, new boolean[] { true, true, true }, 0.9));
		assertThrows(IllegalArgumentException.class, () -> Probabilities.decide(p, new boolean[2], 0.5));
	}

	@Test
	void aNaNProbabilityIsRefusedInsteadOfCallingClass0OrNegative() {
		double[] p = { Double.NaN, 0.1, 0.9 };
		assertThrows(IllegalArgumentException.class, () -> Probabilities.argmax(p));
		assertThrows(IllegalArgumentException.class, () -> Probabilities.argmax(new float[] { 0.1f, Float.NaN, 0.9f }));
		String msg = assertThrows(IllegalArgumentException.class, () -> Probabilities.decide(new double[] { 0.2, Double.NaN, 0.1 }, POSITIVE, 0.5)).getMessage();
		assertTrue(msg.contains("class 2") && msg.contains("not a number"), msg);
		assertThrows(IllegalArgumentException.class, () -> Probabilities.decide(p, POSITIVE, Double.NaN));
	}
}
