package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.synth.SmearSynthesizer;

class BatchDiameterTest {

	private static Path p(String name) {
		return Path.of(name);
	}

	@Test
	void fieldsOfOneMagnificationShareTheMedianAndAFarOutlierKeepsItsOwn() {
		// a dense field over-estimated at 49 px among fields of 30-34 px, and one field of another scanner at 130 px
		BatchDiameter b = BatchDiameter.of(Map.of(p("a"), 30.0, p("b"), 32.0, p("c"), 34.0, p("dense"), 49.0, p("other"), 130.0));
		assertEquals(34, b.median(), 1e-9);
		assertEquals(34, b.diameterOf(p("a")), 1e-9);
		assertEquals(34, b.diameterOf(p("dense")), 1e-9, "within a factor 2 of the median: the same magnification");
		assertEquals(130, b.diameterOf(p("other")), 1e-9, "more than twice the median: its own estimate");
		assertEquals(0, b.diameterOf(p("unread")), 1e-9, "an image without an estimate is estimated when segmented");
		assertEquals(31, BatchDiameter.of(Map.of(p("a"), 30.0, p("b"), 32.0)).median(), 1e-9, "even count: the mean of the middle two");
	}

	@Test
	void imagesAreEstimatedOneByOneAndOnesThatCannotBeOpenedAreLeftOut() {
		Map<Path, ColorProcessor> fields = Map.of(
			p("f1"), SmearSynthesizer.generate(new SmearSynthesizer.Settings(640, 480, 90, 1)).rgb(),
			p("f2"), SmearSynthesizer.generate(new SmearSynthesizer.Settings(640, 480, 90, 2)).rgb());
		BatchDiameter b = BatchDiameter.of(List.of(p("f1"), p("f2"), p("broken")), path -> {
			ColorProcessor cp = fields.get(path);
			if (cp == null) throw new java.io.IOException("not an image");
			return cp;
		}, 2);
		double e1 = DiameterEstimator.estimate(fields.get(p("f1"))), e2 = DiameterEstimator.estimate(fields.get(p("f2")));
		assertEquals((e1 + e2) / 2, b.median(), 1e-9);
		assertEquals(b.median(), b.diameterOf(p("f1")), 1e-9);
		assertEquals(0, b.diameterOf(p("broken")), 1e-9);
	}
}
