package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.cnn.train.TrainingData;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.testutil.TestData;

/**
 * The shipped models load by name with consistent cards, and classify images of their own test
 * blocks (last 20% of each class by file number, never trained on) well above chance.
 */
class ShippedModelsTest {

	static ModelFile.Model shipped(String name) throws IOException {
		assumeTrue(ModelFile.class.getResource(ModelFile.RESOURCE_DIR + name + ".zip") != null,
			"shipped model " + name + " not in this build: test skipped");
		return ModelFile.load(name);
	}

	/** The last {@code n} images of a class folder in file-number order (inside its test block). */
	static List<Path> lastImages(Path classDir, int n) throws IOException {
		try (Stream<Path> s = Files.list(classDir)) {
			List<Path> all = s.sorted(Comparator.comparingLong(TrainingData::order)).toList();
			return all.subList(all.size() - n, all.size());
		}
	}

	@Test
	void leukocyteTypesOnPbcTestBlock() throws IOException {
		ModelFile.Model m = shipped("leukocyte-types");
		assertEquals(8, m.card().classes().size());
		assertTrue(m.card().citation().contains("Acevedo"));
		Path pbc = TestData.require("pbc");
		CnnCellClassifier clf = new CnnCellClassifier(m);
		int ok = 0, n = 0;
		for (String c : m.card().classes())
			for (Path f : lastImages(pbc.resolve(c), 8)) {
				ColorProcessor cp = SmearImages.openRgb(f);
				float[] p = clf.classifySingleCell(RgbImages.wrap(cp));
				if (m.card().classes().get(io.github.leukocnn.stats.Probabilities.argmax(p)).equals(c)) ok++;
				n++;
			}
		double acc = (double) ok / n;
		// chance is 1/8; the card reports the full test block
		assertTrue(acc >= 0.6, "accuracy on 64 test-block images " + acc);
	}

	@Test
	void allScreeningOnTaleqaniTestBlock() throws IOException {
		ModelFile.Model m = shipped("all-screening");
		assertEquals(List.of("benign", "early", "pre", "pro"), m.card().classes());
		assertEquals(List.of("early", "pre", "pro"), m.card().positiveClasses());
		Path data = TestData.require("all-taleqani");
		CnnCellClassifier clf = new CnnCellClassifier(m);
		var segmenter = Segmenters.standard();
		int ok = 0, n = 0;
		for (String c : m.card().classes())
			for (Path f : lastImages(data.resolve(c), 6)) {
				ColorProcessor cp = SmearImages.openRgb(f);
				Segmentation seg = segmenter.segment(RgbImages.wrap(cp), SegmentationSettings.defaults().withThreads(1));
				float[] field = clf.aggregateField(clf.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE));
				boolean positive = clf.positiveProbability(field) > 0.5;
				if (positive == !c.equals("benign")) ok++;
				n++;
			}
		double acc = (double) ok / n;
		assertTrue(acc >= 0.6, "leukaemia-call accuracy on 24 test-block fields " + acc);
	}

	@Test
	void shippedModelsAreSmall() throws IOException {
		for (String name : ModelFile.SHIPPED) {
			var url = ModelFile.class.getResource(ModelFile.RESOURCE_DIR + name + ".zip");
			assumeTrue(url != null, "shipped model " + name + " not in this build");
			try (var in = url.openStream()) {
				assertTrue(in.readAllBytes().length <= 5 * 1024 * 1024, name + " exceeds 5 MB");
			}
		}
	}

}
