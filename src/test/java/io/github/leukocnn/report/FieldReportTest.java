package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.stats.Wilson;
import io.github.leukocnn.testutil.AreaRuleClassifier;

class FieldReportTest {

	static final List<String> CLASSES = List.of("lymphocyte", "blast", "neutrophil");

	static CellMeasurements cell(int id) {
		return new CellMeasurements(id, 10 * id, 5, 20, 21, 10 * id + 10, 15, 300 + id, 60, 0.9, 0.95, 150, 1, 120, 80, 160, false);
	}

	static List<CellMeasurements> cells(int n) {
		List<CellMeasurements> list = new ArrayList<>();
		for (int i = 1; i <= n; i++)
			list.add(cell(i));
		return list;
	}

	@Test
	void differentialCountAndBlastPercentage() {
		float[][] p = {
			{ 0.1f, 0.8f, 0.1f }, // blast
			{ 0.6f, 0.3f, 0.1f }, // lymphocyte
			{ 0.2f, 0.2f, 0.6f }, // neutrophil
			{ 0.3f, 0.4f, 0.3f }, // blast
			{ 0.4f, 0.4f, 0.2f } }; // tie lymphocyte/blast: first wins -> lymphocyte
		float[] field = { 0.35f, 0.45f, 0.2f };
		FieldReport r = FieldReport.of("a/b.png", CLASSES, Set.of("blast"), cells(5), p, field);
		assertEquals(5, r.cellCount());
		assertArrayEquals(new long[] { 2, 2, 1 }, r.counts());
		assertEquals(2, r.blastCount());
		assertEquals(Wilson.interval95(2, 5), r.blastFraction());
		assertEquals(0.4, r.blastFraction().estimate(), 1e-12);
		assertEquals("blast", r.call());
		assertTrue(r.leukaemia());
		assertEquals(List.of("blast"), r.positiveClasses());
		assertEquals(4, r.cells().get(3).measurements().id());
		assertEquals(0.4, r.cells().get(3).confidence(), 1e-6);
	}

	@Test
	void theModelsCallThresholdDecidesTheFieldCall() {
		float[][] p = { { 0.1f, 0.8f, 0.1f } };
		float[] field = { 0.30f, 0.45f, 0.25f }; // argmax blast, P(blast) 0.45
		assertEquals("blast", FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), p, field).call());
		FieldReport strict = FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), p, field, 0.6);
		assertEquals("lymphocyte", strict.call(), "below the threshold: the best non-positive class");
		assertFalse(strict.leukaemia());
		assertEquals(0.6, strict.callThreshold());
		assertEquals(1, strict.blastCount(), "cell counts stay argmax per cell");
	}

	@Test
	void theCallIsDescribedByTheProbabilityThatDecidedIt() {
		float[][] p = { { 0.1f, 0.8f, 0.1f } };
		float[] field = { 0.30f, 0.45f, 0.25f };
		FieldReport strict = FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), p, field, 0.6);
		assertEquals(0.45, strict.leukaemiaProbability(), 1e-6);
		assertEquals("lymphocyte, P(leukaemia) 0.450 < 0.600", strict.describeCall(), "not 'lymphocyte (0.30)', which reads as doubt");
		assertEquals("blast, P(leukaemia) 0.450 >= 0.400",
			FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), p, field, 0.4).describeCall());
		assertEquals("blast (0.45), P(leukaemia) 0.45", FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), p, field).describeCall());
		FieldReport types = FieldReport.of("f", CLASSES, Set.of(), cells(1), p, field);
		assertEquals("blast (0.45)", types.describeCall(), "a cell-type model: no leukaemia call to describe");
		assertTrue(Double.isNaN(types.leukaemiaProbability()));
		FieldReport empty = FieldReport.of("e", CLASSES, Set.of("blast"), List.of(), new float[0][], field, 0.6);
		assertEquals(FieldReport.NO_CALL, empty.describeCall());
		assertTrue(Double.isNaN(empty.leukaemiaProbability()));
		SlideReport slide = SlideReport.of(List.of(strict, empty));
		assertEquals(0.6, slide.callThreshold());
		assertEquals("lymphocyte, P(leukaemia) 0.450 < 0.600", slide.describeCall(), "the slide: its field with cells");
	}

	@Test
	void aFieldWithoutLeukocytesHasNoCallWhateverTheModelsPrior() {
		// a model trained on mostly leukaemic fields: its prior alone would call an empty field leukaemic
		float[] leukaemicPrior = { 0.1f, 0.85f, 0.05f };
		FieldReport r = FieldReport.of("empty.png", CLASSES, Set.of("blast"), List.of(), new float[0][], leukaemicPrior);
		assertEquals(0, r.cellCount());
		assertTrue(Double.isNaN(r.blastFraction().estimate()));
		assertEquals(0, r.blastFraction().low());
		assertEquals(1, r.blastFraction().high());
		assertFalse(r.hasCall());
		assertEquals(FieldReport.NO_CALL, r.call());
		assertEquals("none", r.leukaemiaCall());
		assertFalse(r.leukaemia());
		assertTrue(Double.isNaN(r.callProbability()));
		assertEquals(0.85, r.fieldProbabilities()[1], 1e-6, "the prior is kept for evaluate, which scores such images by it");
		assertEquals("positive", FieldReport.of("f", CLASSES, Set.of("blast"), cells(1), new float[][] { { 0.1f, 0.8f, 0.1f } },
			leukaemicPrior).leukaemiaCall(), "with a cell the same probabilities decide");
	}

	@Test
	void singleCellGoesThroughTheFieldRule() {
		AreaRuleClassifier classifier = new AreaRuleClassifier(100);
		FieldReport r = FieldReport.singleCell("pbc/x.jpg", new float[] { 0.3f, 0.7f }, classifier);
		assertEquals(1, r.cellCount());
		assertNull(r.cells().get(0).measurements());
		assertEquals("blast", r.call());
		assertEquals(100.0, 100 * r.blastFraction().estimate(), 1e-9);
		assertEquals(0.7, r.fieldProbabilities()[1], 1e-6);
	}

	@Test
	void rejectsInconsistentInput() {
		assertThrows(IllegalArgumentException.class,
			() -> FieldReport.of("x", CLASSES, Set.of("blast"), cells(2), new float[][] { { 1, 0, 0 } }, new float[3]));
		assertThrows(IllegalArgumentException.class,
			() -> FieldReport.of("x", CLASSES, Set.of("blast"), cells(1), new float[][] { { 1, 0 } }, new float[3]));
		assertThrows(IllegalArgumentException.class,
			() -> FieldReport.of("x", CLASSES, Set.of("myeloblast"), cells(0), new float[0][], new float[3]));
	}
}
