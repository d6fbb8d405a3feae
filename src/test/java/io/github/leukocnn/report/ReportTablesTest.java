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
			new float[][] { { 0.9f, 0.1f }, { 0.2f, 0.8f }, { 0.7f, 0.3f }, { 0.6f, 0.4f } }, new float[] { 0.7f, 0.3f });
		List<String> h = ReportTables.imageHeader(f.classes());
		assertEquals(List.of("image", "cell_count", "count_normal", "count_blast", "blast_percent", "blast_ci_low",
			"blast_ci_high", "call", "leukaemia", "leukaemia_probability", "call_threshold", "p_normal", "p_blast"), h);
		Object[] r = ReportTables.imageRow(f);
		assertEquals(h.size(), r.length);
		// every column by its name; the blast interval is the Wilson 95% interval of 1 of 4, worked out by hand:
		// z = 1.959964, centre (p + z^2/2n) / (1 + z^2/n), half-width z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)
		assertEquals("d/f.png", column(h, r, "image"));
		assertEquals(4, column(h, r, "cell_count"));
		assertEquals(3L, column(h, r, "count_normal"));
		assertEquals(1L, column(h, r, "count_blast"));
		assertEquals(25.0, (double) column(h, r, "blast_percent"), 1e-9);
		assertEquals(4.558726, (double) column(h, r, "blast_ci_low"), 1e-5);
		assertEquals(69.935816, (double) column(h, r, "blast_ci_high"), 1e-5);
		assertEquals("normal", column(h, r, "call"));
		assertEquals("negative", column(h, r, "leukaemia"));
		assertEquals(0.3, (double) column(h, r, "leukaemia_probability"), 1e-6, "P(leukaemia) = P(blast)");
		assertTrue(Double.isNaN((double) column(h, r, "call_threshold")), "no call threshold: argmax");
		// the field probabilities as the model's field rule gave them (not the cells' mean, 0.6 / 0.4)
		assertEquals(0.7, (double) column(h, r, "p_normal"), 1e-6);
		assertEquals(0.3, (double) column(h, r, "p_blast"), 1e-6);
		FieldReport thresholded = FieldReport.of("d/g.png", AreaRuleClassifier.CLASSES, Set.of("blast"), FieldReportTest.cells(1),
			new float[][] { { 0.7f, 0.3f } }, new float[] { 0.6f, 0.4f }, 0.35);
		assertEquals("positive", column(h, ReportTables.imageRow(thresholded), "leukaemia"), "0.4 >= 0.35");
		assertEquals(0.35, (double) column(h, ReportTables.imageRow(thresholded), "call_threshold"));
		// a cell-type model (no positive classes) makes no leukaemia call: "none", as its P(leukaemia) is NaN
		FieldReport types = FieldReport.of("d/t.png", AreaRuleClassifier.CLASSES, Set.of(), FieldReportTest.cells(1),
			new float[][] { { 0.7f, 0.3f } }, new float[] { 0.7f, 0.3f });
		assertEquals("normal", column(h, ReportTables.imageRow(types), "call"));
		assertEquals(Decision.NO_CALL, column(h, ReportTables.imageRow(types), "leukaemia"));
		assertTrue(Double.isNaN((double) column(h, ReportTables.imageRow(types), "leukaemia_probability")));

		// the slide: f (1 blast of 4, called normal) and g (2 blasts of 2, called blast) pooled
		FieldReport g = FieldReport.of("d/g.png", AreaRuleClassifier.CLASSES, Set.of("blast"), FieldReportTest.cells(2),
			new float[][] { { 0.1f, 0.9f }, { 0.3f, 0.7f } }, new float[] { 0.25f, 0.75f });
		SlideReport s = SlideReport.of(List.of(f, g));
		List<String> sh = ReportTables.slideHeader(f.classes());
		assertEquals(List.of("fields", "fields_with_cells", "positive_fields", "cell_count", "count_normal", "count_blast",
			"blast_percent", "blast_ci_low", "blast_ci_high", "call", "leukaemia", "leukaemia_probability", "call_threshold",
			"p_normal", "p_blast", "rule"), sh);
		Object[] sr = ReportTables.slideRow(s);
		assertEquals(sh.size(), sr.length);
		assertEquals(2, column(sh, sr, "fields"));
		assertEquals(2, column(sh, sr, "fields_with_cells"));
		assertEquals(1, column(sh, sr, "positive_fields"), "g is called blast, f normal");
		assertEquals(6L, column(sh, sr, "cell_count"));
		assertEquals(3L, column(sh, sr, "count_normal"));
		assertEquals(3L, column(sh, sr, "count_blast"));
		// pooled 3 of 6: Wilson 95% interval by hand as above
		assertEquals(50.0, (double) column(sh, sr, "blast_percent"), 1e-9);
		assertEquals(18.761631, (double) column(sh, sr, "blast_ci_low"), 1e-5);
		assertEquals(81.238369, (double) column(sh, sr, "blast_ci_high"), 1e-5);
		// slide probabilities: the mean of the fields' (0.7, 0.3) and (0.25, 0.75), each field weighing alike
		// (weighted by cells it would be 0.55 / 0.45, the mean of all six cells 0.467 / 0.533)
		assertEquals(0.475, (double) column(sh, sr, "p_normal"), 1e-6);
		assertEquals(0.525, (double) column(sh, sr, "p_blast"), 1e-6);
		assertEquals("blast", column(sh, sr, "call"));
		assertEquals("positive", column(sh, sr, "leukaemia"));
		assertEquals(0.525, (double) column(sh, sr, "leukaemia_probability"), 1e-6);
		assertTrue(Double.isNaN((double) column(sh, sr, "call_threshold")), "no call threshold: argmax");
		assertEquals(SlideReport.RULE, column(sh, sr, "rule"));
	}

	/** The value of the column named {@code name}. */
	private static Object column(List<String> header, Object[] row, String name) {
		int i = header.indexOf(name);
		assertTrue(i >= 0, "no column " + name + " in " + header);
		return row[i];
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
