package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.measure.ResultsTable;
import io.github.leukocnn.report.FieldReport;
import io.github.leukocnn.segment.CellMeasurements;

class CellTablesTest {

	private static CellMeasurements cell(int id) {
		return new CellMeasurements(id, 10 * id, 5, 20, 21, 10 * id + 10, 15, 300 + id, 60, 0.9, 0.95, 150, 1, 120, 80, 160, false);
	}

	private static FieldReport field(String image, List<String> classes, List<String> positives) {
		float[] p = new float[classes.size()];
		p[0] = 1;
		float[] field = new float[classes.size()];
		Arrays.fill(field, 1f / classes.size());
		return FieldReport.of(image, classes, positives, List.of(cell(1)), new float[][] { p }, field);
	}

	/** Fields classified with two models have different columns: what one model lacks is empty, not 0. */
	@Test
	void columnsOfAnotherModelAreMissingNotZero() {
		CellTables.reset(CellTables.FIELDS);
		ResultsTable rt = CellTables.get(CellTables.FIELDS);
		CellTables.addField(rt, field("screen.png", List.of("benign", "pre"), List.of("pre")));
		CellTables.addField(rt, field("types.png", List.of("lymphocyte", "blast"), List.of()));
		List<String> lines = List.of(CellTables.csv(rt).split("\r?\n"));
		List<String> header = List.of(lines.get(0).split(","));
		List<String> screen = List.of(lines.get(1).split(",", -1)), types = List.of(lines.get(2).split(",", -1));
		assertEquals("1", screen.get(header.indexOf("count_benign")));
		assertEquals(0.5, Double.parseDouble(screen.get(header.indexOf("p_benign"))), 1e-6);
		for (String column : List.of("count_benign", "count_pre", "p_benign", "p_pre"))
			assertTrue(List.of("", "NaN").contains(types.get(header.indexOf(column))), column + " of types.png: " + lines);
		for (String column : List.of("count_lymphocyte", "count_blast", "p_lymphocyte", "p_blast"))
			assertTrue(List.of("", "NaN").contains(screen.get(header.indexOf(column))), column + " of screen.png: " + lines);
		assertEquals("1", types.get(header.indexOf("count_lymphocyte")));
		assertEquals("0", types.get(header.indexOf("count_blast")), "a real zero count stays 0");
		CellTables.reset(CellTables.FIELDS);
	}
}
