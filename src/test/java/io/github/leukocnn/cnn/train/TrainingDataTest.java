package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;

import ij.process.ColorProcessor;
import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.io.PngWriter;
import io.github.leukocnn.progress.ProgressListener;

/** Loading folder-per-class training sets: bad input is reported precisely; splits never leak. */
class TrainingDataTest {

	@TempDir
	Path dir;

	static ModelCard card(int size) {
		return new ModelCard("t", ModelFile.FORMAT_VERSION, "0", "", null, List.of(), size, 0.5, ModelCard.WHOLE_IMAGE, ModelCard.RGB_UNIT,
			1, FieldAggregation.MEAN_LOG.name(), null, "", "", "", Map.of(), 1, "", null, null);
	}

	/** A single-cell image: a disc (class "disc") or a ring (class "ring") of random colour. */
	static void cellImage(Path file, boolean ring, int seed) throws IOException {
		int w = 40;
		ColorProcessor cp = new ColorProcessor(w, w);
		java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
		int fg = 0xff000000 | (r.nextInt(40, 140) << 16) | (r.nextInt(20, 90) << 8) | r.nextInt(100, 200);
		int[] px = (int[]) cp.getPixels();
		double rad = 11 + r.nextDouble() * 3;
		for (int y = 0; y < w; y++)
			for (int x = 0; x < w; x++) {
				double d = Math.hypot(x - 19.5, y - 19.5);
				px[y * w + x] = (ring ? d <= rad && d >= rad - 4 : d <= rad) ? fg : 0xffeeeae0;
			}
		PngWriter.write(file, false, cp);
	}

	static Path dataset(Path root, int perClass) throws IOException {
		for (String c : new String[] { "disc", "ring" }) {
			Files.createDirectories(root.resolve(c));
			for (int i = 1; i <= perClass; i++) cellImage(root.resolve(c).resolve("img_" + i + ".png"), c.equals("ring"), i * 31 + c.length());
		}
		return root;
	}

	static TrainingData load(Path root) throws IOException {
		return TrainingData.load(root, TrainingData.Kind.SINGLE_CELL, card(16), null, 0, 2, ProgressListener.NONE);
	}

	@Test
	void emptyClassFolderIsNamed() throws IOException {
		Path root = dataset(dir.resolve("d"), 6);
		Files.createDirectories(root.resolve("empty"));
		String msg = assertThrows(IOException.class, () -> load(root)).getMessage();
		assertTrue(msg.contains("empty") && msg.contains("holds no images"), msg);
	}

	@Test
	void emptyTrainingFolder() throws IOException {
		Files.createDirectories(dir.resolve("nothing"));
		String msg = assertThrows(IOException.class, () -> load(dir.resolve("nothing"))).getMessage();
		assertTrue(msg.contains("one sub-folder per class") && msg.contains("found 0"), msg);
		msg = assertThrows(IOException.class, () -> load(dir.resolve("missing"))).getMessage();
		assertTrue(msg.contains("does not exist"), msg);
	}

	@Test
	void classWithOneExample() throws IOException {
		Path root = dataset(dir.resolve("d"), 6);
		Files.createDirectories(root.resolve("lonely"));
		cellImage(root.resolve("lonely").resolve("only_1.png"), false, 3);
		String msg = assertThrows(IOException.class, () -> load(root)).getMessage();
		assertTrue(msg.contains("'lonely' has only 1 image(s)"), msg);
	}

	@Test
	void unreadableImagesAreReportedAndSkipped() throws IOException {
		Path root = dataset(dir.resolve("d"), 6);
		Files.writeString(root.resolve("disc").resolve("img_99.png"), "not a png");
		TrainingData d = load(root);
		assertEquals(12, d.items().size());
		assertEquals(1, d.failures().size());
		assertTrue(d.failures().get(0).contains("img_99.png"), d.failures().get(0));
		assertEquals(List.of("disc", "ring"), d.classes());
	}

	@Test
	void contiguousBlocksByFileNumberNeverOverlap() throws IOException {
		TrainingData d = load(dataset(dir.resolve("d"), 20));
		Splits s = Splits.holdOut(d, 0.15, 0.2);
		assertEquals(4 * 2, s.test().size());
		assertEquals(3 * 2, s.validation().size());
		assertEquals(13 * 2, s.train().size());
		// test = the highest numbers of each class (img_17..img_20): numeric, not lexicographic order
		for (TrainingItem t : s.test()) assertTrue(t.order() >= 17, t.file());
		for (TrainingItem t : s.validation()) assertTrue(t.order() >= 14 && t.order() <= 16, t.file());
		Set<String> seen = new HashSet<>();
		for (List<TrainingItem> part : List.of(s.train(), s.validation(), s.test()))
			for (TrainingItem t : part) assertTrue(seen.add(t.file()), "in two splits: " + t.file());
		// cross-validation folds the 16 images of each class before the test block, never img_17..img_20
		Set<String> foldTests = new HashSet<>();
		for (int f = 0; f < 4; f++) {
			Splits fold = Splits.fold(d, 4, f, 0.2);
			assertEquals(32, fold.train().size() + fold.validation().size() + fold.test().size());
			assertEquals(8, fold.test().size());
			assertEquals(8, fold.validation().size());
			for (List<TrainingItem> part : List.of(fold.train(), fold.validation(), fold.test()))
				for (TrainingItem t : part) assertTrue(t.order() <= 16, "the hold-out test block in a fold: " + t.file());
			for (TrainingItem t : fold.test()) assertTrue(foldTests.add(t.file()), "in two fold test blocks: " + t.file());
			assertEquals("test block of fold " + (f + 1) + "/4 (block " + (f + 1) + " of 4 of the images before the last 20% of each class)",
				fold.testBlock());
		}
		assertEquals("test block (last 20% of each class by file number), never used for training or tuning", s.testBlock());
		assertEquals(32, foldTests.size(), "every image before the test block is tested once");
		assertThrows(IllegalArgumentException.class, () -> Splits.fold(d, 2, 0, 0.2));
		assertThrows(IllegalArgumentException.class, () -> Splits.fold(d, 17, 0, 0.2), "16 images before the test block, 17 folds");
	}

	/**
	 * A time budget no test run can use up: the tests that count epochs (or need the run's accuracy)
	 * must not depend on how loaded the machine is. Training stops after the epoch that exceeds the
	 * budget, so a binding budget would cut them short.
	 */
	static final double NO_TIME_LIMIT = 1e6;

	/** Small network and short run for the synthetic ring/disc problem, checkpoints in ck/. */
	private TrainingConfig toyConfig(int epochs, double weightAveraging) {
		return new TrainingConfig(new int[] { 8, 16 }, 16, 5e-3, 0.9, 8, epochs, 12, NO_TIME_LIMIT, 3, 0.15, 0.2,
			new Augmenter(Math.toRadians(10), 0.05, 0.1, 0.05, 0.1, 0.2, 0.2, 0.1), true, dir.resolve("ck"), false, 2, 0, 0,
			weightAveraging, 0, 0);
	}

	private static ModelCard toyTemplate(TrainingData d) {
		return new ModelCard("toy", ModelFile.FORMAT_VERSION, "0", "", d.classes(), List.of("ring"), 16, 0.8,
			ModelCard.WHOLE_IMAGE, ModelCard.RGB_UNIT, 1, FieldAggregation.MEAN_LOG.name(), null, "synthetic", "none", "test", Map.of(), 3,
			"2026-01-01", null, null);
	}

	@Test
	void trainsASeparableProblemAndWritesAModel() throws IOException {
		TrainingData d = load(dataset(dir.resolve("d"), 25));
		TrainingConfig cfg = toyConfig(12, 0);
		ModelCard template = toyTemplate(d);
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		Trainer.Result r = new Trainer(cfg, new java.io.PrintStream(log, true), ProgressListener.NONE).train(d,
			Splits.holdOut(d, 0.15, 0.2), template);
		assertTrue(r.test().itemAccuracy() >= 0.9, "test accuracy " + r.test().itemAccuracy() + "\n" + log);
		assertTrue(Files.exists(dir.resolve("ck").resolve("last.zip")) && Files.exists(dir.resolve("ck").resolve("state.properties")));
		Path f = dir.resolve("toy.zip");
		ModelFile.save(r.network(), r.card(), f, false);
		ModelFile.Model m = ModelFile.load(f);
		assertEquals(r.card().metrics().get("image_accuracy"), m.card().metrics().get("image_accuracy"));
		assertTrue(log.toString().contains("epoch 1:"), log.toString());
		// resume continues after the last checkpointed epoch
		TrainingConfig more = cfg.with(13, 12, NO_TIME_LIMIT, 3, dir.resolve("ck"), true);
		java.io.ByteArrayOutputStream log2 = new java.io.ByteArrayOutputStream();
		new Trainer(more, new java.io.PrintStream(log2, true), ProgressListener.NONE).train(d, Splits.holdOut(d, 0.15, 0.2), template);
		assertTrue(log2.toString().contains("resumed from") && log2.toString().contains("epoch 13:") && !log2.toString().contains("epoch 1:"),
			log2.toString());
	}

	@Test
	void weightAveragingIsWhatIsValidatedCheckpointedAndKept() throws IOException {
		INDArray a = Trainer.updateAverage(null, Nd4j.createFromArray(1f, 1f), 0.75);
		a = Trainer.updateAverage(a, Nd4j.createFromArray(3f, 5f), 0.75);
		assertArrayEquals(new float[] { 1.5f, 2f }, a.toFloatVector(), 1e-6f);

		TrainingData d = load(dataset(dir.resolve("d"), 25));
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		Trainer.Result r = new Trainer(toyConfig(8, 0.9), new java.io.PrintStream(log, true), ProgressListener.NONE).train(d,
			Splits.holdOut(d, 0.15, 0.2), toyTemplate(d));
		assertTrue(r.test().itemAccuracy() >= 0.9, "test accuracy " + r.test().itemAccuracy() + "\n" + log);
		Path avg = dir.resolve("ck").resolve(Trainer.AVERAGE_FILE);
		assertTrue(Files.exists(avg), "no averaged weights in the checkpoint");
		// the kept network is the average of the best epoch, not the last trained weights
		MultiLayerNetwork last = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(dir.resolve("ck").resolve("last.zip").toFile(), false);
		assertTrue(!r.network().params().equalsWithEps(last.params(), 1e-6), "kept weights are the last trained ones");
		assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(new int[] { 8 }, 8, 1e-3, 1, 8, 1, 1, 1, 1, 0.15, 0.2,
			Augmenter.NONE, true, null, false, 1, 0, 0, 1.0, 0, 0));
	}

	@Test
	void labelSmoothingSpreadsEpsilonOverTheClasses() {
		float[] ys = new float[3 * 4];
		java.util.Arrays.fill(ys, 9);
		Trainer.target(ys, 1, 4, 2, 0.2);
		assertArrayEquals(new float[] { 0.05f, 0.05f, 0.85f, 0.05f }, java.util.Arrays.copyOfRange(ys, 4, 8), 1e-7f);
		Trainer.target(ys, 0, 4, 0, 0);
		assertArrayEquals(new float[] { 1, 0, 0, 0 }, java.util.Arrays.copyOfRange(ys, 0, 4));
		assertEquals(9f, ys[8], "another sample's target is left alone");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(new int[] { 8 }, 8, 1e-3, 1,
			8, 1, 1, 1, 1, 0.15, 0.2, Augmenter.NONE, true, null, false, 1, 0, 0, 0, 1.0, 0));
		assertTrue(e.getMessage().contains("label smoothing must be in [0, 1), got 1.0"), e.getMessage());
	}
}
