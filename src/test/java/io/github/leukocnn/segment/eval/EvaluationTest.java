package io.github.leukocnn.segment.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

	@Test
	void diceOfMasks() {
		boolean[] a = { true, true, false, false }, b = { true, false, true, false };
		assertEquals(0.5, Dice.of(a, b), 1e-12);
		assertEquals(1, Dice.of(new boolean[3], new boolean[3]));
		assertEquals(1, Dice.of(a, a));
	}

	@Test
	void greedyOneToOneMatching() {
		VocBoxes.Box t1 = new VocBoxes.Box(0, 0, 99, 99), t2 = new VocBoxes.Box(200, 0, 299, 99);
		VocBoxes.Box d1 = new VocBoxes.Box(5, 5, 104, 104), d2 = new VocBoxes.Box(0, 0, 99, 99),
			far = new VocBoxes.Box(400, 400, 420, 420);
		// two detections on one truth: only one matches
		BoxMatching.Counts c = BoxMatching.match(List.of(d1, d2, far), List.of(t1, t2), 0.5);
		assertEquals(new BoxMatching.Counts(1, 2, 1), c);
		assertEquals(2.0 / 5, c.f1(), 1e-12);
		assertEquals(1, t1.iou(d2), 1e-12);
		assertEquals(0, t1.iou(far));
	}

	@Test
	void readsVocWbcBoxes(@TempDir Path dir) throws IOException {
		Path xml = dir.resolve("a.xml");
		Files.writeString(xml, """
			<annotation><object><name>WBC</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>110</xmax><ymax>130</ymax></bndbox></object>
			<object><name>RBC</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object></annotation>""");
		assertEquals(List.of(new VocBoxes.Box(10, 20, 110, 130)), VocBoxes.read(xml, "WBC"));
		Files.writeString(xml, "<annotation><object><name>WBC</name><bndbox><xmin>x</xmin></bndbox></object></annotation>");
		assertThrows(IOException.class, () -> VocBoxes.read(xml, "WBC"));
		Files.writeString(xml, "not xml");
		assertThrows(IOException.class, () -> VocBoxes.read(xml, "WBC"));
	}
}
