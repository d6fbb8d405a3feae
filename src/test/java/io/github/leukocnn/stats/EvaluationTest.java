package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EvaluationTest {

	private static final List<String> CLASSES = List.of("benign", "early", "pre");

	@Test
	void binaryCallAndRocUseThePositiveClasses() {
		int[] truth = { 0, 0, 1, 2 };
		double[][] p = {
			{ 0.8, 0.1, 0.1 }, // benign, called benign; P(pos) 0.2
			{ 0.4, 0.5, 0.1 }, // benign, called early (false positive); P(pos) 0.6
			{ 0.3, 0.3, 0.4 }, // early, called pre: wrong class but right binary call; P(pos) 0.7
			{ 0.1, 0.1, 0.8 } }; // pre, right; P(pos) 0.9
		Evaluation e = Evaluation.of(CLASSES, Set.of("pre", "early"), truth, p, null, null);
		assertEquals(List.of("early", "pre"), e.positiveClasses(), "positives in class order");
		assertEquals(0.5, e.confusion().accuracy(), 1e-12);
		assertEquals(2, e.binary().truePositives());
		assertEquals(1, e.binary().falsePositives());
		assertEquals(1, e.binary().trueNegatives());
		assertEquals(0, e.binary().falseNegatives());
		assertEquals(1.0, e.roc().auc(), 1e-12); // 0.7 and 0.9 beat 0.2 and 0.6
		assertTrue(Double.isNaN(e.temperature()));
		assertNull(e.calibrationScaled());
		// P(positive) 0.2, 0.6 (negatives), 0.7, 0.9 (positives): bins 2, 6, 7, 9 -> gaps 0.2, 0.6, 0.3, 0.1
		assertEquals((0.2 + 0.6 + 0.3 + 0.1) / 4, e.positiveCalibration().ece(), 1e-6);
		double nll = -(Math.log(0.8) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8)) / 4;
		assertEquals(nll, e.negativeLogLikelihood(), 1e-9);
	}

	@Test
	void aCallThresholdDecidesClassesAndCall() {
		int[] truth = { 0, 0, 1, 2 };
		double[][] p = { { 0.8, 0.1, 0.1 }, { 0.4, 0.5, 0.1 }, { 0.3, 0.3, 0.4 }, { 0.1, 0.1, 0.8 } };
		// P(positive) 0.2, 0.6, 0.7, 0.9: at 0.65 the hematogone-like second field is benign
		Evaluation e = Evaluation.of(CLASSES, Set.of("pre", "early"), truth, p, null, null, 0.65);
		assertTrue(e.hasCallThreshold());
		assertEquals(0, e.binary().falsePositives());
		assertEquals(2, e.binary().trueNegatives());
		assertEquals(2, e.binary().truePositives());
		assertEquals(0.75, e.confusion().accuracy(), 1e-12, "field 2 now right; field 3 still pre for early");
		assertEquals(1.0, e.roc().auc(), 1e-12, "the ROC does not depend on the threshold");
		Evaluation strict = Evaluation.of(CLASSES, Set.of("pre", "early"), truth, p, null, null, 0.95);
		assertEquals(2, strict.binary().falseNegatives());
	}

	@Test
	void temperatureIsFittedOnValidationOnly() {
		int[] truth = { 0, 1, 2, 0 };
		double[][] p = { { 0.98, 0.01, 0.01 }, { 0.98, 0.01, 0.01 }, { 0.01, 0.01, 0.98 }, { 0.01, 0.98, 0.01 } };
		Evaluation e = Evaluation.of(CLASSES, Set.of("pre"), truth, p, truth, p);
		assertTrue(e.temperature() > 1, "over-confident and half wrong: soften, T = " + e.temperature());
		assertTrue(e.negativeLogLikelihoodScaled() < e.negativeLogLikelihood());
		assertTrue(e.calibrationScaled().ece() < e.calibration().ece());
	}

	@Test
	void rejectsMismatchedInput() {
		assertThrows(IllegalArgumentException.class,
			() -> Evaluation.of(CLASSES, Set.of("pre"), new int[] { 3 }, new double[][] { { 1, 0, 0 } }, null, null));
		assertThrows(IllegalArgumentException.class,
			() -> Evaluation.of(CLASSES, Set.of("pre"), new int[] { 0 }, new double[][] { { 1, 0 } }, null, null));
		assertThrows(IllegalArgumentException.class,
			() -> Evaluation.of(CLASSES, Set.of("blast"), new int[] { 0 }, new double[][] { { 1, 0, 0 } }, null, null));
	}
}
