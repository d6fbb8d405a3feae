package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.stats.Wilson;

class SlideReportTest {

	private static final List<String> CLASSES = List.of("normal", "blast");

	private static FieldReport field(String name, int normal, int blast, float pBlast) {
		float[][] p = new float[normal + blast][];
		for (int i = 0; i < p.length; i++)
			p[i] = i < normal ? new float[] { 0.9f, 0.1f } : new float[] { 0.2f, 0.8f };
		return FieldReport.of(name, CLASSES, Set.of("blast"), FieldReportTest.cells(p.length), p,
			new float[] { 1 - pBlast, pBlast });
	}

	@Test
	void poolsCountsAndAveragesFieldsWithCells() {
		SlideReport s = SlideReport.of(List.of(
			field("1", 8, 2, 0.3f),
			field("2", 1, 9, 0.9f),
			field("3", 0, 0, 0.2f), // no cells: prior only, left out of the mean
			field("4", 10, 0, 0.05f)));
		assertEquals(4, s.fieldCount());
		assertEquals(3, s.fieldsWithCells());
		assertEquals(1, s.positiveFields());
		assertArrayEquals(new long[] { 19, 11 }, s.counts());
		assertEquals(30, s.cellCount());
		assertEquals(Wilson.interval95(11, 30), s.blastFraction());
		assertEquals((0.3 + 0.9 + 0.05) / 3, s.probabilities()[1], 1e-6);
		assertEquals("normal", s.call()); // 0.417 < 0.5: one strongly positive field does not decide the slide
		assertFalse(s.leukaemia());
	}

	@Test
	void positiveWhenTheMeanFieldProbabilityIsPositive() {
		SlideReport s = SlideReport.of(List.of(field("1", 2, 8, 0.7f), field("2", 5, 5, 0.45f)));
		assertEquals("blast", s.call());
		assertTrue(s.leukaemia());
		assertEquals(1, s.positiveFields());
	}

	@Test
	void aSlideWithoutLeukocytesHasNoCallAndEmptyFieldsAreNotPositive() {
		SlideReport s = SlideReport.of(List.of(field("1", 0, 0, 0.9f), field("2", 0, 0, 0.9f)));
		assertEquals(0, s.fieldsWithCells());
		assertEquals(0, s.positiveFields(), "a leukaemic prior does not make empty fields positive");
		assertFalse(s.hasCall());
		assertEquals("none", s.call());
		assertEquals("none", s.leukaemiaCall());
		assertFalse(s.leukaemia());
		assertTrue(Double.isNaN(s.callProbability()));
		assertTrue(Double.isNaN(s.blastFraction().estimate()));

		SlideReport mixed = SlideReport.of(List.of(field("1", 9, 1, 0.1f), field("2", 0, 0, 0.9f)));
		assertEquals("normal", mixed.call());
		assertEquals("negative", mixed.leukaemiaCall());
		assertEquals(0, mixed.positiveFields());
	}

	@Test
	void rejectsMixedClassifiers() {
		FieldReport other = FieldReport.of("x", List.of("a", "b"), Set.of("b"), FieldReportTest.cells(0), new float[0][], new float[] { 1, 0 });
		assertThrows(IllegalArgumentException.class, () -> SlideReport.of(List.of(field("1", 1, 1, 0.5f), other)));
		assertThrows(IllegalArgumentException.class, () -> SlideReport.of(List.of()));
	}
}
