package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.testutil.AreaRuleClassifier;
import io.github.leukocnn.testutil.DarkBlobSegmenter;
import io.github.leukocnn.testutil.DiscFields;

class LabelledImagesTest {

	@TempDir
	Path dir;

	private Path set() throws IOException {
		Path root = dir.resolve("set");
		DiscFields.write(root.resolve("normal"), "n2.png", 6, 6);
		DiscFields.write(root.resolve("normal"), "n1.png", 6);
		DiscFields.write(root.resolve("blast"), "b1.png", 12, 12, 6);
		Files.writeString(root.resolve("blast").resolve("b0.jpg"), "broken");
		Files.writeString(root.resolve("blast").resolve("notes.txt"), "not an image");
		return root;
	}

	@Test
	void listsClassFoldersInNameOrder() throws IOException {
		List<LabelledImages.Image> images = LabelledImages.list(set(), AreaRuleClassifier.CLASSES);
		assertEquals(List.of("blast/b0.jpg", "blast/b1.png", "normal/n1.png", "normal/n2.png"),
			images.stream().map(LabelledImages.Image::name).toList());
		assertEquals(1, images.get(0).label());
		assertEquals(0, images.get(3).label());
	}

	@Test
	void unknownClassFolderIsAnError() throws IOException {
		Path root = set();
		Files.createDirectories(root.resolve("myeloblast"));
		IOException e = assertThrows(IOException.class, () -> LabelledImages.list(root, AreaRuleClassifier.CLASSES));
		assertTrue(e.getMessage().contains("'myeloblast' is not a class of the model"), e.getMessage());
	}

	@Test
	void predictsFieldsAndListsFailures() throws IOException {
		AreaRuleClassifier classifier = new AreaRuleClassifier(300);
		List<LabelledImages.Image> images = LabelledImages.list(set(), classifier.classes());
		LabelledImages.Result r = LabelledImages.predict(images, classifier, DarkBlobSegmenter::new, false, 0, 2,
			ProgressListener.NONE, null);
		assertEquals(1, r.failures().size());
		assertTrue(r.failures().get(0).file().endsWith("b0.jpg"));
		Predictions p = r.predictions();
		assertEquals(List.of("blast/b1.png", "normal/n1.png", "normal/n2.png"), p.images());
		assertArrayEquals(new int[] { 1, 0, 0 }, p.truth());
		assertTrue(p.probabilities()[0][1] > 0.6, "two of three cells are big"); // mean of ≈1, ≈1, ≈0
		assertTrue(p.probabilities()[1][1] < 0.01);
		// Round trip through the predictions table.
		Path csv = dir.resolve("p.csv");
		CsvWriter.write(csv, false, Predictions.header(p.classes()), p.rows());
		Predictions back = Predictions.read(csv);
		assertEquals(p.images(), back.images());
		assertArrayEquals(p.truth(), back.truth());
		assertEquals(p.probabilities()[0][1], back.probabilities()[0][1], 1e-5);
	}
}
