package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.cnn.CnnCellClassifier;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.testutil.ConsoleCapture;

/** {@code leukocnn ensemble} end to end: two tiny trained members become one calibrated model file. */
class EnsembleSubcommandTest {

	@TempDir
	Path dir;

	private final ConsoleCapture console = new ConsoleCapture();

	private Path member(Path data, int seed, int crop) {
		Path model = dir.resolve("m" + seed + "-" + crop + ".zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--positive", "big", "--crop-size", "" + crop, "--epochs", "1", "--batch", "4", "--channels", "4,8",
			"--dense", "8", "--threads", "1", "--seed", "" + seed)), console.err());
		return model;
	}

	@Test
	void combinesMembersIntoOneCalibratedModelFile() throws Exception {
		Path data = TrainSubcommandTest.sizesData(dir);
		Path a = member(data, 1, 16), b = member(data, 2, 16);
		Path out = dir.resolve("ensemble.zip");
		List<String> args = List.of("ensemble", "--members", a + "," + b, "--data", data.toString(), "--kind", "single-cell",
			"--name", "sizes-ensemble", "--out", out.toString(), "--threads", "1", "--report-dir", dir.resolve("report").toString());

		assertEquals(0, console.cli(args), console.err());

		ModelFile.Model model = ModelFile.load(out);
		ModelCard card = model.card();
		assertEquals(2, model.networks().size());
		assertEquals(ModelFile.ENSEMBLE_FORMAT_VERSION, card.formatVersion());
		assertEquals(2, card.memberSha256().size());
		assertEquals("sizes-ensemble", card.name());
		assertEquals(List.of("big"), card.positiveClasses());
		assertTrue(card.trainingCommand().startsWith("member 1: leukocnn train --data " + data) &&
			card.trainingCommand().contains("\nmember 2: leukocnn train") && card.trainingCommand().contains("--seed 2 ") &&
			card.trainingCommand().contains("\nthen: leukocnn ensemble --members " + a + "," + b), card.trainingCommand());
		assertEquals(2.0, ((Number) card.metrics().get("members")).doubleValue());
		assertTrue(card.metrics().containsKey("image_accuracy") && card.metrics().containsKey("training_minutes"), "" + card.metrics());
		assertTrue(Files.exists(dir.resolve("report").resolve("sizes-ensemble-evaluation.md")));

		// the ensemble's cell probabilities are the members' geometric mean, then the ensemble's temperature
		float[] crop = new float[3 * 16 * 16];
		for (int i = 0; i < crop.length; i++) crop[i] = (i % 7) / 7f;
		List<float[]> members = new ArrayList<>();
		for (Path m : List.of(a, b)) {
			ModelFile.Model one = ModelFile.load(m);
			members.add(classify(new ModelFile.Model(one.network(), card.withCalibration(1, card.fieldAggregation(), card.metrics())), crop));
		}
		float[] expected = CnnCellClassifier.calibrate(new float[][] { mean(members.get(0), members.get(1)) }, card.temperature())[0];
		assertArrayEquals(expected, classify(model, crop), 1e-5f);

		assertEquals(ModelFile.load(a).card().trainingData(), card.trainingData(), "members trained on the same data: its text");

		// members whose data differ: each is named, and every reference cited once
		Path c = dir.resolve("other-data.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			c.toString(), "--positive", "big", "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4,8", "--dense", "8",
			"--threads", "1", "--seed", "3", "--training-data", "sizes plus other discs", "--citation", "Disc A (2020); Disc B (2021)")),
			console.err());
		Path mixed = dir.resolve("mixed.zip");
		List<String> mixedArgs = new ArrayList<>(List.of("ensemble", "--members", a + "," + c, "--data", data.toString(), "--kind",
			"single-cell", "--name", "mixed", "--out", mixed.toString(), "--threads", "1"));
		assertEquals(0, console.cli(mixedArgs), console.err());
		ModelCard mixedCard = ModelFile.load(mixed).card();
		assertEquals("member 1: " + card.trainingData() + "\nmember 2: sizes plus other discs", mixedCard.trainingData());
		String firstCitation = ModelFile.load(a).card().citation();
		assertEquals((firstCitation == null || firstCitation.isBlank() ? "" : firstCitation + "; ") + "Disc A (2020); Disc B (2021)",
			mixedCard.citation());
		mixedArgs.addAll(List.of("--overwrite", "--training-data", "given text", "--citation", "Given C (2022)"));
		assertEquals(0, console.cli(mixedArgs), console.err());
		assertEquals("given text", ModelFile.load(mixed).card().trainingData());
		assertEquals("Given C (2022)", ModelFile.load(mixed).card().citation());

		assertEquals(2, console.cli(args), "an existing model file is not replaced");
		assertTrue(console.err().contains("exists; use --overwrite"), console.err());
	}

	@Test
	void refusesMembersThatCropDifferently() throws Exception {
		Path data = TrainSubcommandTest.sizesData(dir);
		Path a = member(data, 1, 16), c = member(data, 1, 24);
		assertEquals(1, console.cli(List.of("ensemble", "--members", a + "," + c, "--data", data.toString(), "--kind", "single-cell",
			"--name", "x", "--out", dir.resolve("x.zip").toString())));
		assertTrue(console.err().contains("member 2 (" + c + ") has crop size 24 but member 1 (" + a + ") has 16"), console.err());
		assertTrue(!Files.exists(dir.resolve("x.zip")));
		assertEquals(2, console.cli(List.of("ensemble", "--members", a.toString(), "--data", data.toString(), "--kind", "single-cell",
			"--name", "x", "--out", dir.resolve("x.zip").toString())));
		assertTrue(console.err().contains("--members needs at least 2 model files, got 1"), console.err());
	}

	private static float[] classify(ModelFile.Model model, float[] crop) {
		CnnCellClassifier clf = new CnnCellClassifier(model, 1);
		System.arraycopy(crop, 0, clf.buffer(), 0, crop.length);
		return clf.classifyBuffered(1)[0];
	}

	private static float[] mean(float[] p, float[] q) {
		double[] z = new double[p.length];
		double sum = 0;
		for (int j = 0; j < p.length; j++) sum += z[j] = Math.sqrt((double) p[j] * q[j]);
		float[] out = new float[p.length];
		for (int j = 0; j < p.length; j++) out[j] = (float) (z[j] / sum);
		return out;
	}
}
