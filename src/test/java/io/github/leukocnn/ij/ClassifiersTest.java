package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.NetworkFactory;

/** The cached classifier follows its model file. */
class ClassifiersTest {

	@TempDir
	Path dir;

	static ModelCard card(List<String> classes) {
		return new ModelCard("test", 1, "0", "test model", classes, List.of(classes.get(1)), 16, 0.5, ModelCard.WHOLE_IMAGE,
			ModelCard.RGB_UNIT, 1.5, FieldAggregation.MEAN_LOG.name(), null, "none", "none", "none", Map.of("acc", 0.5), 7,
			"2026-01-01", null, null);
	}

	@Test
	void aModelFileReplacedWithinTheTimeStampsResolutionIsLoadedAgain() throws Exception {
		Path f = dir.resolve("model.zip");
		ModelFile.save(NetworkFactory.build(16, 2, new int[] { 4, 8 }, 8, 1e-3, null, 7), card(List.of("a", "b")), f, false);
		FileTime time = Files.getLastModifiedTime(f);
		CellClassifier first = Classifiers.load(Classifiers.FROM_FILE, f.toString());
		assertEquals(List.of("a", "b"), first.classes());
		ModelFile.save(NetworkFactory.build(16, 3, new int[] { 4, 8 }, 8, 1e-3, null, 7), card(List.of("a", "b", "c")), f, true);
		Files.setLastModifiedTime(f, time); // as when replaced within the same second (or copied keeping the time)
		assertEquals(List.of("a", "b", "c"), Classifiers.load(Classifiers.FROM_FILE, f.toString()).classes());
	}
}
