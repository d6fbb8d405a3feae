package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.testutil.AreaRuleClassifier;

class ReportTablesTest {

	@Test
	void cellTableColumns() {
		List<String> h = ReportTables.cellHeader(AreaRuleClassifier.CLASSES);
		assertEquals(List.of("image", "cell_id", "bbox_x", "bbox_y", "bbox_width", "bbox_height", "class", "p_normal",
			"p_blast", "centroid_x", "centroid_y", "area", "perimeter", "circularity", "solidity", "nucleus_area", "nc_ratio",
			"mean_red", "mean_green", "mean_blue", "touches_border"), h);
		FieldReport f = FieldReport.of("f.png", AreaRuleClassifier.CLASSES, Set.of("blast"), FieldReportTest.cells(2),
			new float[][] { { 0.9f, 0.1f }, { 0.25f, 0.75f } }, new float[] { 0.5f, 0.5f });
		List<Object[]> rows = ReportTables.cellRows(f, 640, 480);
		assertEquals(2, rows.size());
		Object[] r = rows.get(1);
		assertEquals(h.size(), r.length);
		assertEquals("f.png", r[0]);
		assertEquals(2, r[1]);
		assertEquals(20, r[2]); // bbox_x of cell 2
		assertEquals("blast", r[6]);
		assertEquals(0.75, (double) r[8], 1e-6);
		assertEquals(302.0, r[11]); // area
		assertEquals(false, r[20]);
	}

	@Test
	void singleCellRowHasWholeImageBoxAndNoMorphometry() {
		FieldReport f = FieldReport.singleCell("c.jpg", new float[] { 0.6f, 0.4f }, new AreaRuleClassifier(100));
		Object[] r = ReportTables.cellRows(f, 360, 363).get(0);
		assertEquals(1, r[1]);
		assertEquals(0, r[2]);
		assertEquals(360, r[4]);
		assertEquals(363, r[5]);
		assertEquals("normal", r[6]);
		assertNull(r[9]);
		assertNull(r[20]);
	}

	@Test
	void imageAndSlideRowsMatchTheirHeaders() {
		FieldReport f = FieldReport.of("d/f.png", AreaRuleClassifier.CLASSES, Set.of("blast"), FieldReportTest.cells(4),
			new float[][] { { 0.9f, 0.1f }, { 0.2f, 0.8f }, { 0.7f, 0.3f }, { 0.6f, 0.4f } }, new float[] { 0.6f, 0.4f });
		List<String> h = ReportTables.imageHeader(f.classes());
		assertEquals(List.of("image", "cell_count", "count_normal", "count_blast", "blast_percent", "blast_ci_low",
			"blast_ci_high", "call", "leukaemia", "leukaemia_probability", "call_threshold", "p_normal", "p_blast"), h);
		Object[] r = ReportTables.imageRow(f);
		assertEquals(h.size(), r.length);
		assertEquals(4, r[1]);
		assertEquals(3L, r[2]);
		assertEquals(1L, r[3]);
		assertEquals(25.0, (double) r[4], 1e-9);
		assertEquals(100 * f.blastFraction().low(), (double) r[5], 1e-9);
		assertEquals("normal", r[7]);
		assertEquals("negative", r[8]);
		assertEquals(0.4, (double) r[9], 1e-6, "P(leukaemia) = P(blast)");
		assertTrue(Double.isNaN((double) r[10]), "no call threshold: argmax");
		FieldReport thresholded = FieldReport.of("d/g.png", AreaRuleClassifier.CLASSES, Set.of("blast"), FieldReportTest.cells(1),
			new float[][] { { 0.7f, 0.3f } }, new float[] { 0.6f, 0.4f }, 0.35);
		assertEquals("positive", ReportTables.imageRow(thresholded)[8], "0.4 >= 0.35");
		assertEquals(0.35, (double) ReportTables.imageRow(thresholded)[10]);
		SlideReport s = SlideReport.of(List.of(f, f));
		assertEquals(ReportTables.slideHeader(f.classes()).size(), ReportTables.slideRow(s).length);
		assertEquals(8L, ReportTables.slideRow(s)[3]);
	}

	@Test
	void aFieldWithoutLeukocytesIsReportedWithoutCallOrProbabilities() {
		FieldReport empty = FieldReport.of("rbc-only.png", AreaRuleClassifier.CLASSES, Set.of("blast"), List.of(), new float[0][],
			new float[] { 0.1f, 0.9f });
		Object[] r = ReportTables.imageRow(empty);
		assertEquals(0, r[1]);
		assertEquals("none", r[7]);
		assertEquals("none", r[8]);
		assertTrue(Double.isNaN((double) r[9]), "no P(leukaemia) without cells");
		assertTrue(Double.isNaN((double) r[11]) && Double.isNaN((double) r[12]), "the prior is no answer: " + r[11] + ", " + r[12]);
		Object[] slide = ReportTables.slideRow(SlideReport.of(List.of(empty)));
		List<String> h = ReportTables.slideHeader(empty.classes());
		assertEquals("none", slide[h.indexOf("leukaemia")]);
		assertTrue(Double.isNaN((double) slide[h.indexOf("p_blast")]));
	}
}
