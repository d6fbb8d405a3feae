package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.synth.SmearSynthesizer;
import io.github.leukocnn.testutil.TestData;

class RedCellRulerTest {

	private static ColorProcessor synthetic(int w, int h, double leukocyteDiameter, long seed) {
		return SmearSynthesizer.generate(new SmearSynthesizer.Settings(w, h, leukocyteDiameter, seed)).rgb();
	}

	@Test
	void measuresTheRedCellsOfSyntheticSmearsAtAnyScale() {
		// the synthesiser draws red cells 0.66 of the nominal leukocyte diameter across, some overlapping
		for (double d : new double[] { 30, 60, 120 }) {
			ColorProcessor cp = synthetic((int) (13 * d), (int) (10 * d), d, 5);
			RedCellRuler.Measurement m = RedCellRuler.measure(cp);
			assertTrue(m.reliable(), "reliable at leukocyte diameter " + d + ": " + m);
			assertEquals(0.66 * d, m.diameter(), 0.12 * 0.66 * d, "red-cell diameter at leukocyte diameter " + d);
		}
	}

	@Test
	void leavesTheImageAsItWas() {
		ColorProcessor small = synthetic(200, 150, 30, 2); // enlarged for the analysis
		int[] before = ((int[]) small.getPixels()).clone();
		int interpolation = small.getInterpolationMethod();
		RedCellRuler.measure(small);
		assertArrayEquals(before, (int[]) small.getPixels());
		assertEquals(interpolation, small.getInterpolationMethod());
	}

	@Test
	void isNotReliableWithoutRedCells() {
		ColorProcessor blank = new SyntheticSmears(300, 200).noisy(0, 1);
		assertFalse(RedCellRuler.measure(blank).reliable());
		assertTrue(Double.isNaN(RedCellRuler.diameter(blank)));
		// one leukocyte filling a crop, as in single-cell images: nothing to measure red cells by
		ColorProcessor lone = new SyntheticSmears(120, 120).leukocyte(60, 60, 50, 34).noisy(4, 3);
		assertTrue(Double.isNaN(RedCellRuler.diameter(lone)), RedCellRuler.measure(lone).toString());
	}

	/**
	 * all-taleqani was imaged at a few magnifications; within a class folder the leukocyte estimate
	 * still spreads widely on crowded fields, while the red cells give a tight ruler.
	 */
	@Test
	void isTighterThanTheLeukocyteEstimateOnRealFields() throws Exception {
		Path data = TestData.require("all-taleqani");
		for (String folder : new String[] { "benign", "early" }) {
			List<Path> files;
			try (Stream<Path> s = Files.list(data.resolve(folder))) {
				files = s.sorted().toList();
			}
			List<Double> ruler = new ArrayList<>(), leukocyte = new ArrayList<>();
			for (int i = 0; i < files.size(); i += 12) {
				ColorProcessor cp = SmearImages.openRgb(files.get(i));
				double r = RedCellRuler.diameter(cp);
				if (r > 0) ruler.add(r);
				leukocyte.add(DiameterEstimator.estimate(cp));
			}
			assertTrue(ruler.size() >= 0.8 * leukocyte.size(), folder + ": reliable on " + ruler.size() + " of " + leukocyte.size());
			double rulerSpread = spread(ruler), leukocyteSpread = spread(leukocyte);
			assertTrue(rulerSpread < 1.35 && rulerSpread < leukocyteSpread - 0.3,
				folder + ": 90th/10th percentile ruler " + rulerSpread + ", leukocyte estimate " + leukocyteSpread);
			double median = percentile(ruler, 0.5);
			assertTrue(median > 11 && median < 20, folder + ": median red cell " + median + " px in 224-px fields");
		}
	}

	private static double spread(List<Double> v) {
		return percentile(v, 0.9) / percentile(v, 0.1);
	}

	private static double percentile(List<Double> v, double q) {
		double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(s);
		return s[Math.min(s.length - 1, (int) (q * s.length))];
	}
}
