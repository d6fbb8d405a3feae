package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.NetworkFactory;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.testutil.RecordingProgress;

/** The training run shared by {@code leukocnn train} and Fiji: settings, refusals and cancellation. */
class TrainingJobTest {

	@TempDir
	Path dir;

	@Test
	void defaultsAreThoseOfTheTrainVerbAndTheCardRecordsThem() {
		TrainingJob.Options o = TrainingJob.Options.defaults(Path.of("/d"), "fields", "n", Path.of("/m.zip"));
		assertEquals("leukocnn train --data /d --kind fields --name n --out /m.zip --crop-size 48 --cell-fraction 0.55 " +
			"--single-cell-rule whole-image --cell-diameter 0.0 --epochs 40 --patience 8 --max-minutes 30.0 --seed 42 --batch 32 " +
			"--learning-rate 0.002 --lr-decay 0.9 --channels 16,32,64,96 --dense 64 --normalisation rgb --cells-per-image 0 " +
			"--colour-jitter moderate", o.commandLine());
		assertEquals(o, o.toBuilder().build(), "the builder copies every setting");
		String fiji = o.toBuilder().positives(List.of("pre", "pro")).cellDiameter(30).epochs(12).maxMinutes(5.5).overwrite(true)
			.build().commandLine();
		assertTrue(fiji.contains("--out /m.zip --positive pre,pro --crop-size 48") && fiji.contains("--cell-diameter 30.0 --epochs 12 ") &&
			fiji.contains("--max-minutes 5.5 "), fiji);
		assertEquals(List.of("early", "pre", "pro"), TrainingJob.classList("early, pre,pro"));
		assertEquals(List.of(), TrainingJob.classList(" "));
	}

	@Test
	void aRecipeIsHowTheShippedModelsWereTrainedNotOnWhat() throws IOException {
		TrainingJob.Options mine = TrainingJob.Options.defaults(Path.of("/mine"), "roi-sets", "my-types", Path.of("/m.zip")).toBuilder()
			.epochs(12).positives(List.of("blast")).build();

		TrainingJob.Options types = mine.withRecipeOf("leukocyte-types");
		assertEquals(80, types.cropSize());
		assertEquals(0.9, types.cellFraction());
		assertEquals(ModelCard.SEGMENTED_CELL, types.singleCellRule());
		assertEquals("[24, 48, 96, 192]", Arrays.toString(types.channels()));
		assertEquals(128, types.dense());
		assertEquals("contrast", types.normalisation());
		assertEquals(0.1, types.labelSmoothing());
		assertEquals(0.96, types.lrDecay());
		assertEquals(20, types.patience());
		assertEquals(64, types.batchSize());
		assertEquals(43, types.seed(), "the shipped network's seed (session 10)");
		assertEquals(mine.toBuilder().cropSize(80).cellFraction(0.9).singleCellRule(ModelCard.SEGMENTED_CELL)
			.channels(types.channels()).dense(128).normalisation("contrast").labelSmoothing(0.1).lrDecay(0.96).patience(20)
			.batchSize(64).seed(43).build(), types, "data, names, epochs, budget, positives and extra images stay the user's");

		// all-screening is an ensemble (session 16): a recipe is one member's
		TrainingJob.Options screening = mine.withRecipeOf("all-screening#1");
		assertEquals(32, screening.cropSize());
		assertEquals("wide", screening.colourJitter());
		assertEquals(0.995, screening.weightAveraging());
		assertEquals(0.0, screening.colourTransfer());
		assertEquals(List.of("blast"), screening.positives());
		assertEquals(0.5, mine.withRecipeOf("all-screening#2").colourTransfer(), "member 2 was trained with colour transfer");
		assertEquals(null, mine.withRecipeOf("all-screening#2").extraFields(), "what it was trained on stays the user's");
		assertEquals(mine, mine.withRecipeOf(" "), "no recipe: the settings as they were");

		TrainingJob.Options plain = mine.withRecipe("leukocnn train --data /x y --kind fields --no-augmentation --blur 1.5 " +
			"--epochs 99 --extra-cells /other");
		assertFalse(plain.augmentation());
		assertEquals(1.5, plain.blur());
		assertEquals(12, plain.epochs());
		assertEquals(null, plain.extraCells());
		// a card's command line carries the cutout, and its recipe gives it back
		TrainingJob.Options cut = mine.toBuilder().cutout(0.3).build();
		assertTrue(cut.commandLine().contains(" --cutout 0.3"), cut.commandLine());
		assertEquals(0.3, mine.withRecipe(cut.commandLine()).cutout());
		assertEquals(0.3, cut.config().augmenter().cutout());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> mine.toBuilder().cutout(0.95).build()).getMessage()
			.contains("cutout must be a fraction of the crop side from 0 (off) to 0.8"));
		TrainingJob.Options transfer = mine.toBuilder().colourTransfer(0.5).build();
		assertTrue(transfer.commandLine().contains(" --colour-transfer 0.5"), transfer.commandLine());
		assertEquals(0.5, mine.withRecipe(transfer.commandLine()).colourTransfer());
		assertEquals(0.5, transfer.config().augmenter().colourTransfer());
		assertEquals(0, transfer.toBuilder().augmentation(false).build().config().augmenter().colourTransfer(), "no augmentation, no transfer");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> mine.toBuilder().colourTransfer(-0.1).build()).getMessage()
			.contains("colour-transfer must be a probability from 0 (off) to 1"));
		// no epoch would write the untrained network as a model; no time would do the same after one epoch
		assertTrue(assertThrows(IllegalArgumentException.class, () -> mine.toBuilder().epochs(0).build()).getMessage()
			.contains("epochs must be at least 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> mine.toBuilder().maxMinutes(0).build()).getMessage()
			.contains("max-minutes must be a time budget in minutes greater than 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> mine.withRecipe("leukocnn train --data d --start-from lt.zip " +
			"--epochs 3")).getMessage().contains("continued from lt.zip, so its command line is not a whole recipe"));
		assertTrue(assertThrows(IOException.class, () -> mine.withRecipeOf("leukocyte-typo")).getMessage()
			.contains("no model named 'leukocyte-typo'"));
	}

	@Test
	void anExistingModelFileIsRefusedBeforeAnyWork() throws IOException {
		Path model = Files.writeString(dir.resolve("m.zip"), "mine");
		var options = TrainingJob.Options.defaults(dir.resolve("missing"), "single-cell", "n", model);
		String msg = assertThrows(FileAlreadyExistsException.class, () -> TrainingJob.run(options, sink(), ProgressListener.NONE))
			.getMessage();
		assertTrue(msg.contains("m.zip exists"), msg);
		assertEquals("mine", Files.readString(model), "the user's file is kept");
	}

	@Test
	void cancellingDuringTrainingStopsItAndWritesNoModelFile() throws IOException {
		Path data = TrainingDataTest.dataset(dir.resolve("data"), 30);
		Path model = dir.resolve("models").resolve("m.zip");
		var options = TrainingJob.Options.defaults(data, "single-cell", "n", model).toBuilder().epochs(5)
			.maxMinutes(TrainingDataTest.NO_TIME_LIMIT).build(); // the cancel, not the budget, must end it
		// as when Esc is pressed once training has begun
		RecordingProgress cancelAfterFirstBatch = new RecordingProgress().cancelOn(m -> m.startsWith("epoch 1/5 batch"));
		ByteArrayOutputStream log = new ByteArrayOutputStream();

		assertThrows(CancelledException.class, () -> TrainingJob.run(options, new PrintStream(log, true, StandardCharsets.UTF_8),
			cancelAfterFirstBatch));

		String printed = log.toString(StandardCharsets.UTF_8);
		assertTrue(printed.contains("epoch 1:") && !printed.contains("epoch 2:"), "stopped in the second epoch:\n" + printed);
		assertFalse(Files.exists(model), "no model file");
		if (Files.isDirectory(model.getParent())) try (Stream<Path> left = Files.list(model.getParent())) {
			assertEquals(List.of(), left.toList(), "no partial file left behind");
		}
	}

	private static PrintStream sink() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

	@Test
	void anEnsembleMemberIsNamedByNumberAndAStartModelFixesCropAndShape() throws IOException {
		var card = new io.github.leukocnn.cnn.ModelCard("m", 1, "0", "m", List.of("a", "b"), List.of("b"), 24, 0.7,
			ModelCard.SEGMENTED_CELL, ModelCard.WHITE_BALANCED, 1,
			FieldAggregation.MEAN_LOG.name(), null, "none", "none", "none", Map.of(), 7, "2026-01-01",
			null, null).withFieldScale(FieldCropScale.RED_CELLS);
		var ensembleCard = new io.github.leukocnn.cnn.ModelCard("m", 1, "0", "m", List.of("a", "b"), List.of("b"), 24, 0.7,
			ModelCard.SEGMENTED_CELL, ModelCard.WHITE_BALANCED, 1, FieldAggregation.MEAN_LOG.name(), null, "none", "none",
			"member 1: leukocnn train --data d --seed 7 --cutout 0.2\nmember 2: leukocnn train --data d --seed 8 --colour-transfer 0.5\n" +
				"then: leukocnn ensemble --members a,b", Map.of(), 7, "2026-01-01", null, null).withFieldScale(FieldCropScale.RED_CELLS);
		var one = NetworkFactory.build(24, 2, new int[] { 4, 8, 12 }, 6, 1e-3, null, 7);
		var two = NetworkFactory.build(24, 2, new int[] { 4, 8, 12 }, 6, 1e-3, null, 8);
		Path single = dir.resolve("one.zip"), ensemble = dir.resolve("two.zip");
		ModelFile.save(one, card, single, false);
		ModelFile.save(List.of(one, two), ensembleCard, ensemble, false);

		var refused = assertThrows(IllegalArgumentException.class, () -> TrainingJob.startModel(ensemble.toString()));
		assertEquals("the model " + ensemble + " is an ensemble of 2 networks, trained one by one: name one of them as " + ensemble +
			"#1 or " + ensemble + "#2", refused.getMessage());
		assertEquals(two.params(), TrainingJob.startModel(ensemble + "#2").network().params(), "member 2's weights");
		assertEquals(one.params(), TrainingJob.startModel(ensemble + "#1").network().params(), "member 1's weights");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJob.startModel(ensemble + "#3")).getMessage()
			.contains("has 2 members, not 3"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJob.startModel(ensemble + "#0")).getMessage()
			.contains("numbered from 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJob.startModel(single + "#1")).getMessage()
			.contains("is one network, not an ensemble: name it without #1"));
		// a recipe is one member's: the ensemble's command line holds each member's
		TrainingJob.Options plain = TrainingJob.Options.defaults(Path.of("/d"), "single-cell", "n", Path.of("/m.zip"));
		assertEquals(8, plain.withRecipeOf(ensemble + "#2").seed());
		assertEquals(0.5, plain.withRecipeOf(ensemble + "#2").colourTransfer());
		assertEquals(0.2, plain.withRecipeOf(ensemble + "#1").cutout());
		assertEquals(0.0, plain.withRecipeOf(ensemble + "#1").colourTransfer());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> plain.withRecipeOf(ensemble.toString())).getMessage()
			.contains("is an ensemble of 2 networks, trained one by one"));

		TrainingJob.Options o = TrainingJob.Options.defaults(Path.of("/d"), "single-cell", "n", Path.of("/m.zip"))
			.withStartFrom(single.toString()).startingFrom(TrainingJob.startModel(single.toString()));
		assertEquals(24, o.cropSize());
		assertEquals(0.7, o.cellFraction());
		assertEquals(ModelCard.SEGMENTED_CELL, o.singleCellRule());
		assertEquals(FieldCropScale.RED_CELLS, o.fieldScale());
		assertEquals("white-balance", o.normalisation());
		assertEquals(List.of(4, 8, 12), Arrays.stream(o.channels()).boxed().toList());
		assertEquals(6, o.dense());
		assertEquals(List.of("b"), o.positives());
		assertEquals(TrainingJob.START_FROM_LEARNING_RATE, o.learningRate());
		assertTrue(TrainingJob.RECIPE_OPTIONS.containsAll(TrainingJob.START_MODEL_OPTIONS), "what a start model fixes is part of a recipe");
	}

	@Test
	void settingsNoRunCouldUseAreRefusedWhereverTheyComeFrom() throws IOException {
		var options = TrainingJob.Options.defaults(Path.of("/d"), "single-cell", "n", Path.of("/m.zip"));
		String rules = "single-cell-rule must be one of whole-image, estimate, segmented-cell, got 'centre'";
		assertEquals(rules, assertThrows(IllegalArgumentException.class, () -> options.toBuilder().singleCellRule("centre").build())
			.getMessage());
		assertEquals("colour-jitter must be one of moderate, wide, density, strong, got 'wild'", assertThrows(
			IllegalArgumentException.class, () -> options.withRecipe("leukocnn train --colour-jitter wild")).getMessage());
		assertEquals("blur takes a number, got 'strong'", assertThrows(IllegalArgumentException.class,
			() -> options.withRecipe("leukocnn train --blur strong")).getMessage());
		assertEquals("mixup must be an alpha from 0 (off) to 10 (e.g. 0.2), got 20.0", assertThrows(IllegalArgumentException.class,
			() -> options.withRecipe("leukocnn train --mixup 20")).getMessage());
		assertEquals(0.4, options.withRecipe("leukocnn train --mixup 0.4").mixup());
		assertTrue(options.toBuilder().mixup(0.4).build().commandLine().contains(" --mixup 0.4"), "the card records it");
		assertEquals("field-scale must be one of segmentation, red-cells, got 'red'", assertThrows(IllegalArgumentException.class,
			() -> options.withRecipe("leukocnn train --field-scale red")).getMessage());
		TrainingJob.Options red = options.withRecipe("leukocnn train --field-scale red-cells");
		assertEquals(FieldCropScale.RED_CELLS, red.fieldScale());
		assertTrue(red.commandLine().contains(" --single-cell-rule whole-image --field-scale red-cells "), red.commandLine());
		assertEquals(FieldCropScale.RED_CELLS, red.template(List.of("a", "b")).fieldScale(), "the card says how to crop");
		assertFalse(options.commandLine().contains("--field-scale"), "the default leaves older models' commands as they were");
		assertEquals(FieldCropScale.SEGMENTATION, options.template(List.of("a", "b")).fieldScaleRule());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> options.toBuilder().normalisation("grey").build())
			.getMessage().startsWith("normalisation must be one of rgb, white-balance, contrast"));

		// a card whose training command was edited by hand: refused when read as a recipe, not later in cropping
		var card = new ModelCard("m", 1, "0", "m", List.of("a", "b"), List.of(), 24, 0.7, ModelCard.SEGMENTED_CELL,
			ModelCard.WHITE_BALANCED, 1, FieldAggregation.MEAN_LOG.name(), null, "none", "none",
			"leukocnn train --data d --kind single-cell --single-cell-rule centre", Map.of(), 7, "2026-01-01", null, null);
		Path model = dir.resolve("edited.zip");
		ModelFile.save(NetworkFactory.build(24, 2, new int[] { 4, 8 }, 6, 1e-3, null, 7), card, model, false);
		assertEquals("the recipe of " + model + ": " + rules, assertThrows(IllegalArgumentException.class,
			() -> options.withRecipeOf(model.toString())).getMessage());
	}
}
