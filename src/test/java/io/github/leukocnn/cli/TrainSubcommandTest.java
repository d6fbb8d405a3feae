package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.io.FileSaver;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.testutil.ConsoleCapture;

/** {@code leukocnn train} end to end on a tiny set: model file, card provenance, report, refusals. */
class TrainSubcommandTest {

	@TempDir
	Path dir;

	private final ConsoleCapture console = new ConsoleCapture();

	/** A tiny single-cell set in {@code dir}/data: 10 big and 10 small discs, one folder per class. */
	static Path sizesData(Path dir) throws Exception {
		Path data = dir.resolve("data");
		for (String c : new String[] { "big", "small" }) {
			Files.createDirectories(data.resolve(c));
			for (int i = 1; i <= 10; i++)
				new FileSaver(TestSmears.discs(c + i, 1, c.equals("big") ? 30 + i % 4 : 12 + i % 4))
					.saveAsPng(data.resolve(c).resolve(c + i + ".png").toString());
		}
		return data;
	}

	@Test
	void trainsWritesTheModelAndRecordsTheCommandLine() throws Exception {
		Path data = sizesData(dir);
		Path model = dir.resolve("m.zip");
		List<String> args = List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out", model.toString(),
			"--positive", "big", "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4,8", "--dense", "8", "--threads", "1",
			"--label-smoothing", "0.1", "--report-dir", dir.resolve("report").toString());

		assertEquals(0, console.cli(args), console.err());

		ModelCard card = ModelFile.load(model).card();
		assertEquals(List.of("big", "small"), card.classes());
		assertEquals(List.of("big"), card.positiveClasses());
		assertEquals("leukocnn train --data " + data + " --kind single-cell --name sizes --out " + model + " --positive big " +
			"--crop-size 16 --cell-fraction 0.55 --single-cell-rule whole-image --cell-diameter 0.0 --epochs 1 --patience 8 " +
			"--max-minutes 30.0 --seed 42 --batch 4 --learning-rate 0.002 --lr-decay 0.9 --channels 4,8 --dense 8 --normalisation rgb " +
			"--cells-per-image 0 --colour-jitter moderate --label-smoothing 0.1", card.trainingCommand());
		assertTrue(console.out().contains("wrote " + model), console.out());
		assertTrue(Files.exists(dir.resolve("report").resolve("sizes-evaluation.md")), console.out());

		assertEquals(2, console.cli(args), "an existing model file is not replaced");
		assertTrue(console.err().contains("exists; use --overwrite"), console.err());
	}

	@Test
	void badSettingsAreUsageErrors() {
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "boxes", "--name", "n", "--out", "m.zip")));
		assertTrue(console.err().contains("--kind must be single-cell, fields or roi-sets, got 'boxes'"), console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "fields", "--name", "n", "--out", "m.zip",
			"--colour-jitter", "wild")));
		assertTrue(console.err().contains("--colour-jitter must be one of moderate, wide, density, strong, got 'wild'"), console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "fields", "--name", "n", "--out", "m.zip",
			"--blur", "9")));
		assertTrue(console.err().contains("--blur must be a Gaussian sigma from 0 (off) to 5 crop pixels, got 9"), console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "fields", "--name", "n", "--out", "m.zip",
			"--weight-averaging", "1")));
		assertTrue(console.err().contains("--weight-averaging must be a decay in [0, 1)"), console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "fields", "--name", "n", "--out", "m.zip",
			"--label-smoothing", "-0.1")));
		assertTrue(console.err().contains("--label-smoothing must be an epsilon in [0, 1) (e.g. 0.1; 0 = off), got -0.1"), console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "single-cell", "--name", "n", "--out", "m.zip",
			"--single-cell-rule", "centre")));
		assertTrue(console.err().contains("--single-cell-rule must be one of whole-image, estimate, segmented-cell, got 'centre'"),
			console.err());
		assertEquals(2, console.cli(List.of("train", "--data", "d", "--kind", "fields", "--name", "n", "--out", "m.zip",
			"--field-scale", "white-cells")));
		assertTrue(console.err().contains("--field-scale must be one of segmentation, red-cells, got 'white-cells'"), console.err());
	}

	@Test
	void extraCellsJoinTheTrainingBlockOnlyAsTheNamedClass() throws Exception {
		Path data = sizesData(dir);
		Path extra = sizesData(dir.resolve("other-lab")); // 10 + 10 images: training blocks of 6 + 6
		Path model = dir.resolve("m.zip");
		List<String> args = List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out", model.toString(),
			"--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4,8", "--dense", "8", "--threads", "1",
			"--extra-cells", extra.toString(), "--extra-class", "small");

		assertEquals(0, console.cli(args), console.err());

		String log = console.out();
		assertTrue(log.contains("extra cells: 12 images of " + extra + " (training blocks of [big, small]) trained as 'small'"), log);
		assertTrue(log.contains("training cells per class [6, 18] (images: train 24, validation 4, test 4)"), log);
		assertTrue(ModelFile.load(model).card().trainingCommand().endsWith(" --extra-cells " + extra + " --extra-class small"));
	}

	@Test
	void extraCellsNeedAKnownClass() throws Exception {
		Path data = sizesData(dir);
		List<String> common = List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			dir.resolve("m.zip").toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4", "--dense", "4");

		assertEquals(2, console.cli(concat(common, "--extra-class", "small")));
		assertTrue(console.err().contains("--extra-class NAME names the class of the --extra-cells or --extra-fields DIR, which is missing"),
			console.err());
		assertEquals(1, console.cli(concat(common, "--extra-cells", data.toString(), "--extra-class", "medium")));
		assertTrue(console.err().contains("the extra class 'medium' is not one of the classes [big, small] of " + data), console.err());
		Path foreign = dir.resolve("foreign");
		Files.move(sizesData(foreign).resolve("small"), foreign.resolve("data").resolve("tiny"));
		assertEquals(1, console.cli(concat(common, "--extra-cells", foreign.resolve("data").toString())));
		assertTrue(console.err().contains("class folder 'tiny' of the extra cells " + foreign.resolve("data") +
			" is not one of the classes [big, small]"), console.err());
		assertEquals(1, console.cli(concat(common, "--extra-cells", dir.resolve("nowhere").toString())));
		assertTrue(console.err().contains("extra cells folder " + dir.resolve("nowhere") + " does not exist or is not a folder"),
			console.err());
		assertTrue(!Files.exists(dir.resolve("m.zip")), "no model file after a refusal");
	}

	@Test
	void extraCellsKeepTheirFolderClassWithoutExtraClass() throws Exception {
		Path data = sizesData(dir);
		Path extra = sizesData(dir.resolve("other-scanner"));
		Path model = dir.resolve("m.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4", "--dense", "4", "--threads", "1",
			"--extra-cells", extra.toString())), console.err());

		String log = console.out();
		assertTrue(log.contains("extra cells: 12 images of " + extra + " (training blocks of [big, small]) trained as their own classes"), log);
		assertTrue(log.contains("training cells per class [12, 12]"), log);
		assertTrue(ModelFile.load(model).card().trainingCommand().endsWith(" --extra-cells " + extra));
	}

	@Test
	void extraFieldsAreSegmentedAndTheirCellsJoinTheTrainingBlock() throws Exception {
		Path data = sizesData(dir);
		Path fields = dir.resolve("fields"); // 10 fields per class, two discs each: training blocks of 6 fields = 12 cells
		for (String c : new String[] { "big", "small" }) {
			Files.createDirectories(fields.resolve(c));
			for (int i = 1; i <= 10; i++)
				new FileSaver(TestSmears.discs(c + i, 2, c.equals("big") ? 30 : 14)).saveAsPng(fields.resolve(c).resolve(c + i + ".png").toString());
		}
		Path model = dir.resolve("m.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4", "--dense", "4", "--threads", "1",
			"--extra-fields", fields.toString())), console.err());

		String log = console.out();
		assertTrue(log.contains("extra fields: 12 images of " + fields + " (training blocks of [big, small]) trained as their own classes"),
			log);
		assertTrue(log.contains("training cells per class [18, 18]"), log);
		assertTrue(ModelFile.load(model).card().trainingCommand().endsWith(" --extra-fields " + fields));

		assertEquals(1, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			dir.resolve("m2.zip").toString(), "--extra-fields", dir.resolve("nowhere").toString())));
		assertTrue(console.err().contains("extra fields folder " + dir.resolve("nowhere") + " does not exist or is not a folder"),
			console.err());
	}

	@Test
	void startFromContinuesTheNetworkOfAModelWithItsCropAndClasses() throws Exception {
		Path three = sizesData(dir.resolve("three")); // big, medium, small
		Files.createDirectories(three.resolve("medium"));
		for (int i = 1; i <= 10; i++)
			new FileSaver(TestSmears.discs("m" + i, 1, 22)).saveAsPng(three.resolve("medium").resolve("medium" + i + ".png").toString());
		Path first = dir.resolve("first.zip");
		assertEquals(0, console.cli(List.of("train", "--data", three.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			first.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4,8", "--dense", "8", "--threads", "1",
			"--normalisation", "white-balance", "--positive", "big")), console.err());
		// another "scanner" with two of the three classes: the third keeps what the network knew
		Path data = sizesData(dir);
		Path tuned = dir.resolve("tuned.zip");
		List<String> args = List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "tuned", "--out",
			tuned.toString(), "--epochs", "1", "--batch", "4", "--threads", "1", "--start-from",
			first.toString());

		assertEquals(0, console.cli(args), console.err());

		String log = console.out();
		assertTrue(log.contains("starting from the network of " + first + " (classes [big, medium, small], crop 16 px)"), log);
		assertTrue(log.contains("training cells per class [6, 0, 6]"), log);
		ModelCard card = ModelFile.load(tuned).card();
		assertEquals(List.of("big", "medium", "small"), card.classes());
		assertEquals(16, card.cropSize(), "the start model's crop size, not the default 48");
		assertEquals(List.of("big"), card.positiveClasses(), "its positive classes when none are given");
		assertEquals(io.github.leukocnn.crop.CropNormalisation.WHITE_BALANCE, card.cropNormalisation());
		assertTrue(card.trainingCommand().contains(" --start-from " + first + " --cell-diameter "), card.trainingCommand());
		assertTrue(!card.trainingCommand().contains("--crop-size"), card.trainingCommand());
		assertTrue(card.trainingCommand().contains(" --learning-rate " + io.github.leukocnn.cnn.train.TrainingJob.START_FROM_LEARNING_RATE + " "),
			"without --learning-rate, the start model's default: " + card.trainingCommand());

		assertEquals(2, console.cli(concat(args, "--crop-size", "32")));
		assertTrue(console.err().contains("--crop-size is the --start-from model's; leave it out"), console.err());
		assertEquals(2, console.cli(concat(args, "--field-scale", "red-cells")));
		assertTrue(console.err().contains("--field-scale is the --start-from model's; leave it out"), console.err());
	}

	@Test
	void recipeTrainsWithAModelsSettingsAndFlagsGivenWin() throws Exception {
		Path data = sizesData(dir);
		Path first = dir.resolve("first.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "first", "--out",
			first.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4,8", "--dense", "8", "--threads",
			"1", "--colour-jitter", "wide", "--label-smoothing", "0.2", "--seed", "7", "--no-class-weights", "--mixup", "0.3")),
			console.err());
		Path second = dir.resolve("second.zip");

		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "second", "--out",
			second.toString(), "--recipe", first.toString(), "--crop-size", "24", "--epochs", "1", "--threads", "1")), console.err());

		ModelCard card = ModelFile.load(second).card();
		assertEquals(24, card.cropSize(), "the flag given wins over the recipe");
		String command = card.trainingCommand();
		for (String fromRecipe : List.of(" --batch 4 ", " --channels 4,8 --dense 8 ", " --colour-jitter wide", " --label-smoothing 0.2",
			" --seed 7 ", " --no-class-weights", " --mixup 0.3"))
			assertTrue(command.contains(fromRecipe), fromRecipe + " in " + command);
		assertTrue(command.contains("--name second --out " + second), command);

		assertEquals(1, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "x", "--out",
			dir.resolve("x.zip").toString(), "--recipe", dir.resolve("none.zip").toString())));
		assertTrue(console.err().contains("no model named '" + dir.resolve("none.zip") + "'"), console.err());
	}

	@Test
	void startFromNeedsTheDataClassesAmongTheModelsAndOneNetwork() throws Exception {
		Path data = sizesData(dir);
		Path first = dir.resolve("first.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			first.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4", "--dense", "4", "--threads", "1")),
			console.err());
		Path other = dir.resolve("other");
		Files.move(sizesData(other).resolve("small"), other.resolve("data").resolve("tiny"));
		assertEquals(1, console.cli(List.of("train", "--data", other.resolve("data").toString(), "--kind", "single-cell", "--name", "t",
			"--out", dir.resolve("t.zip").toString(), "--epochs", "1", "--start-from", first.toString())));
		assertTrue(console.err().contains("class 'tiny' is not one of the classes of the start model " + first + ": [big, small]"),
			console.err());
		assertTrue(!Files.exists(dir.resolve("t.zip")));
	}

	@Test
	void evaluateOnlyRescoresAModelWithTheExtrasItWasTrainedWith() throws Exception {
		Path data = sizesData(dir);
		Path extra = sizesData(dir.resolve("other-scanner"));
		Path model = dir.resolve("m.zip");
		List<String> train = List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "4", "--channels", "4", "--dense", "4", "--threads", "1",
			"--extra-cells", extra.toString());
		assertEquals(0, console.cli(train), console.err());
		ModelCard trained = ModelFile.load(model).card();

		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--evaluate-only", "--extra-cells", extra.toString(), "--report-dir", dir.resolve("r").toString())),
			console.err());

		String log = console.out();
		assertTrue(log.contains("extra cells: 12 images of " + extra), "the extras join the batch-norm sample: " + log);
		assertTrue(log.contains("TEST block: {split=test block (last 20%"), log);
		ModelCard rescored = ModelFile.load(model).card();
		assertEquals(trained.trainingCommand(), rescored.trainingCommand());
		assertEquals(trained.metrics().get("epochs"), rescored.metrics().get("epochs"), "training figures kept");
		assertEquals(4, ((Number) rescored.metrics().get("images")).intValue(), "the 2 + 2 test images");
		assertTrue(Files.exists(dir.resolve("r").resolve("sizes-evaluation.md")));

		assertEquals(1, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			dir.resolve("none.zip").toString(), "--evaluate-only")));
		assertTrue(console.err().contains("none.zip"), console.err());
	}

	@Test
	void crossValidationFoldsTheImagesBeforeTheTestBlockAndWritesNoModel() throws Exception {
		Path data = sizesData(dir); // 10 per class: 8 before the test block, folded into 3
		Path model = dir.resolve("cv.zip");
		assertEquals(0, console.cli(List.of("train", "--data", data.toString(), "--kind", "single-cell", "--name", "sizes", "--out",
			model.toString(), "--crop-size", "16", "--epochs", "1", "--batch", "2", "--channels", "4", "--dense", "4", "--threads", "1",
			"--cv-folds", "3")), console.err());

		String log = console.out();
		assertTrue(log.contains("=== fold 3/3 ==="), log);
		// fold 1: test = block 1 (2 of 8 per class), validation = block 3 (3), training = block 2 (3)
		assertTrue(log.contains("(images: train 6, validation 6, test 4)"), log);
		assertTrue(log.contains("TEST block: {split=test block of fold 2/3 (block 2 of 3 of the images before the last 20%"), log);
		assertTrue(!log.contains("{split=test block (last 20%"), "a fold's summary names the fold's test block: " + log);
		assertTrue(log.contains("cross-validation mean test image accuracy"), log);
		assertTrue(!Files.exists(model), "cross-validation writes no model file");
	}

	private static List<String> concat(List<String> head, String... tail) {
		List<String> all = new java.util.ArrayList<>(head);
		all.addAll(List.of(tail));
		return all;
	}
}
