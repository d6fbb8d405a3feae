package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.stats.Evaluation;

class EvaluationTablesTest {

	@TempDir
	Path dir;

	static final String CSV = "image,true_class,p_benign,p_pre,extra\n" +
		"a.jpg,benign,0.9,0.1,x\n" +
		"b.jpg,benign,0.4,0.6,x\n" +
		"c.jpg,pre,0.2,0.8,x\n" +
		"d.jpg,pre,0.3,0.7,x\n";

	@Test
	void readsPredictionsByColumnName() throws IOException {
		Path csv = dir.resolve("p.csv");
		Files.writeString(csv, CSV);
		Predictions p = Predictions.read(csv);
		assertEquals(List.of("benign", "pre"), p.classes());
		assertArrayEquals(new int[] { 0, 0, 1, 1 }, p.truth());
		assertEquals(0.6, p.probabilities()[1][1], 1e-12);
		assertEquals("d.jpg", p.images().get(3));
	}

	@Test
	void badPredictionTablesAreRejectedWithTheLine() throws IOException {
		Path csv = dir.resolve("bad.csv");
		Files.writeString(csv, "image,true_class,p_benign,p_pre\na,blast,0.5,0.5\n");
		IOException e = assertThrows(IOException.class, () -> Predictions.read(csv));
		assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'blast'"), e.getMessage());
		Files.writeString(csv, "image,true_class,p_benign,p_pre\na,pre,0.5,0.6\n");
		e = assertThrows(IOException.class, () -> Predictions.read(csv));
		assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
		Files.writeString(csv, "image,true_class,p_benign\na,benign,1\n");
		assertThrows(IOException.class, () -> Predictions.read(csv));
	}

	@Test
	void metricsRowsAndJson() throws IOException {
		Path csv = dir.resolve("p.csv");
		Files.writeString(csv, CSV);
		Predictions p = Predictions.read(csv);
		Evaluation e = Evaluation.of(p.classes(), Set.of("pre"), p.truth(), p.probabilities(), null, null);
		Map<String, Object[]> rows = new java.util.LinkedHashMap<>();
		for (Object[] r : EvaluationTables.metricsRows(e))
			rows.put((String) r[0], r);
		assertEquals(4L, rows.get("cases")[1]);
		assertEquals(0.75, (double) rows.get("accuracy")[1], 1e-12);
		assertEquals(1.0, (double) rows.get("sensitivity")[1], 1e-12);
		assertEquals(0.5, (double) rows.get("specificity")[1], 1e-12);
		assertEquals(1.0, (double) rows.get("roc_auc")[1], 1e-12); // 0.8, 0.7 above 0.1, 0.6
		assertTrue(Double.isNaN((double) rows.get("temperature")[1]));
		String json = EvaluationTables.json(e, "p.csv");
		assertTrue(json.contains("\"temperature\": null"), json);
		assertTrue(json.contains("\"classes\": [\"benign\", \"pre\"]"), json);
		assertTrue(json.contains("\"true_positives\": 2"), json);
		assertTrue(json.contains("[1, 1],") && json.contains("[0, 2]"), json);
		// fixed key order, so the same evaluation gives the same file in every JVM
		assertTrue(json.indexOf("\"rows\": \"true class\"") < json.indexOf("\"columns\": \"predicted class\"") &&
			json.indexOf("\"columns\": \"predicted class\"") < json.indexOf("\"counts\""), json);
		List<Object[]> conf = EvaluationTables.confusionRows(e.confusion());
		assertArrayEquals(new Object[] { "benign", 1L, 1L, 2L }, conf.get(0));
		assertEquals(List.of("true_class", "pred_benign", "pred_pre", "total"), EvaluationTables.confusionHeader(p.classes()));
	}

	@Test
	void jsonEscapesAndNulls() {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("a\"b", Double.NaN);
		m.put("n", 0.125);
		m.put("l", List.of(1, 2.0));
		assertEquals("{\n  \"a\\\"b\": null,\n  \"n\": 0.125,\n  \"l\": [1, 2.0]\n}\n", Json.write(m));
	}
}
