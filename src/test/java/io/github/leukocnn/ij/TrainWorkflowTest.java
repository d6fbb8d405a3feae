package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.io.FileSaver;
import io.github.leukocnn.cnn.train.TrainingJob;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.testutil.RecordingProgress;

class TrainWorkflowTest {

	@Test
	void settingsBecomeTheTrainCommandLine() throws IOException {
		var r = new TrainWorkflow.Request("/data/all", "fields", "my-screening", "/models/m.zip", "early, pre,pro", 30, 12, 5.5, true);
		assertEquals(List.of("train", "--data", "/data/all", "--kind", "fields", "--name", "my-screening", "--out", "/models/m.zip",
			"--cell-diameter", "30", "--epochs", "12", "--max-minutes", "5.5", "--positive", "early,pre,pro", "--overwrite"),
			r.arguments());
	}

	@Test
	void epochsAndTimeBudgetAreCheckedBeforeAnyWork() {
		for (int epochs : new int[] { 0, -3 }) {
			var r = new TrainWorkflow.Request("/data", "single-cell", "n", "/m.zip", "", 0, epochs, 30, false);
			String message = assertThrows(IllegalArgumentException.class, r::arguments, "epochs=" + epochs).getMessage();
			assertEquals("epochs must be a whole number of at least 1 (the most epochs to train, e.g. 40), got " + epochs, message);
		}
		for (double minutes : new double[] { 0, -1, Double.NaN, Double.POSITIVE_INFINITY }) {
			var r = new TrainWorkflow.Request("/data", "single-cell", "n", "/m.zip", "", 0, 5, minutes, false);
			String message = assertThrows(IllegalArgumentException.class, r::arguments, "max_minutes=" + minutes).getMessage();
			assertTrue(message.startsWith("max_minutes must be a time budget in minutes greater than 0 (e.g. 30), got "), message);
		}
		assertEquals("1", new TrainWorkflow.Request("/d", "single-cell", "n", "/m.zip", "", 0, 1, 0.5, false).arguments().get(12));
	}

	@Test
	void extraCellsBecomeTheirOptions() throws IOException {
		var r = new TrainWorkflow.Request("/data/pbc", "single-cell", "types", "/models/t.zip", "", 0, 12, 5.5, false, "/data/scanner2",
			" ", "", "", "");
		assertEquals(List.of("train", "--data", "/data/pbc", "--kind", "single-cell", "--name", "types", "--out", "/models/t.zip",
			"--cell-diameter", "0", "--epochs", "12", "--max-minutes", "5.5", "--extra-cells", "/data/scanner2"), r.arguments());
		assertEquals(Path.of("/data/scanner2"), r.options().extraCells());
		assertEquals(null, r.options().extraClass(), "blank class: each extra folder keeps its class");
		assertTrue(r.options().commandLine().endsWith(" --extra-cells /data/scanner2"), r.options().commandLine());

		var asBenign = new TrainWorkflow.Request("/data/all", "fields", "s", "/m.zip", "early", 0, 1, 1, false, "/data/normal", "benign ", "", "", "");
		assertEquals(List.of("--extra-cells", "/data/normal", "--extra-class", "benign"),
			asBenign.arguments().subList(asBenign.arguments().size() - 4, asBenign.arguments().size()));
		assertEquals("benign", asBenign.options().extraClass());

		var classWithoutCells = new TrainWorkflow.Request("/d", "fields", "n", "/m.zip", "", 0, 1, 1, false, "", "benign", " ", "", "");
		assertTrue(assertThrows(IllegalArgumentException.class, classWithoutCells::arguments).getMessage()
			.contains("extra_class names the class of the extra_cells or extra_fields folder, neither of which is given"));

		var withFields = new TrainWorkflow.Request("/data/pbc", "single-cell", "t", "/m.zip", "", 0, 1, 1, false, "/data/s2", "",
			"/data/s3", "", "");
		assertEquals(List.of("--extra-cells", "/data/s2", "--extra-fields", "/data/s3"),
			withFields.arguments().subList(withFields.arguments().size() - 4, withFields.arguments().size()));
		assertEquals(Path.of("/data/s3"), withFields.options().extraFields());
		assertTrue(withFields.options().commandLine().endsWith(" --extra-cells /data/s2 --extra-fields /data/s3"),
			withFields.options().commandLine());
	}

	@Test
	void startFromBecomesItsOption() throws IOException {
		var r = new TrainWorkflow.Request("/data/mine", "roi-sets", "my-types", "/m.zip", "", 0, 5, 10, false, "", "", "",
			" leukocyte-types ", "");
		assertEquals(List.of("--start-from", "leukocyte-types"), r.arguments().subList(r.arguments().size() - 2, r.arguments().size()));
		assertEquals("leukocyte-types", r.options().startFrom());
		assertEquals(TrainingJob.START_FROM_LEARNING_RATE, r.options().learningRate(), "a quarter of the default from scratch");
		assertEquals(TrainingJob.Options.defaults(Path.of("/d"), "roi-sets", "n", Path.of("/m.zip")).learningRate(),
			4 * TrainingJob.START_FROM_LEARNING_RATE, 1e-12);
		assertTrue(r.options().commandLine().contains(" --start-from leukocyte-types --cell-diameter "), r.options().commandLine());
		assertTrue(!r.options().commandLine().contains("--crop-size"), "the start model's crop: " + r.options().commandLine());
	}

	@Test
	void recipeTrainsAsTheModelWasTrainedOnTheDialogsData() throws IOException {
		var r = new TrainWorkflow.Request("/data/mine", "roi-sets", "my-types", "/m.zip", "", 0, 7, 10, false, "", "", "", "",
			" leukocyte-types ");
		assertEquals(List.of("--recipe", "leukocyte-types"), r.arguments().subList(r.arguments().size() - 2, r.arguments().size()));
		TrainingJob.Options o = r.options();
		assertEquals(80, o.cropSize(), "the recipe's crop");
		assertEquals(0.1, o.labelSmoothing(), "and its label smoothing");
		assertEquals(Path.of("/data/mine"), o.data());
		assertEquals(7, o.epochs(), "the dialog's epochs, not the recipe's 100");
		assertEquals(null, o.extraCells(), "the recipe's extra images are not the user's");
		var unknown = new TrainWorkflow.Request("/d", "roi-sets", "n", "/m.zip", "", 0, 1, 1, false, "", "", "", "", "leukocyte-typo");
		assertTrue(assertThrows(IOException.class, unknown::options).getMessage().contains("no model named 'leukocyte-typo'"));
	}

	@Test
	void missingSettingsAreNamed() throws IOException {
		var noData = new TrainWorkflow.Request("", "fields", "n", "/m.zip", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, noData::arguments).getMessage().contains("data_folder"));
		var badKind = new TrainWorkflow.Request("/d", "boxes", "n", "/m.zip", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, badKind::arguments).getMessage().contains("single-cell"));
		var noFile = new TrainWorkflow.Request("/d", "fields", "n", " ", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, noFile::arguments).getMessage().contains("model_file"));
	}

	@Test
	void everyPrintedLineReachesTheLog() throws IOException {
		List<String> lines = new ArrayList<>();
		try (var out = TrainWorkflow.lines(lines::add)) {
			out.print("epoch 1\r\nepoch 2\npartial");
		}
		assertEquals(List.of("epoch 1", "epoch 2", "partial"), lines);
	}

	@Test
	void theDialogsSettingsReachTheTrainingJob() throws IOException {
		var r = new TrainWorkflow.Request("/data/all", "fields", "my-screening", "/models/m.zip", "early, pre,pro", 30, 12, 5.5, true);
		var options = r.options();
		assertEquals(List.of("early", "pre", "pro"), options.positives());
		assertEquals(30, options.cellDiameter());
		assertEquals(12, options.epochs());
		assertEquals(5.5, options.maxMinutes());
		assertTrue(options.overwrite());
		assertTrue(options.commandLine().startsWith("leukocnn train --data /data/all --kind fields --name my-screening --out /models/m.zip " +
			"--positive early,pre,pro --crop-size 48"), options.commandLine());
	}

	/** Single-cell images, one disc each, of classes a and b. */
	private static Path discImages(Path dir, int perClass) throws IOException {
		for (String c : new String[] { "a", "b" }) {
			Files.createDirectories(dir.resolve("data").resolve(c));
			for (int i = 1; i <= perClass; i++)
				new FileSaver(TestSmears.discs(c + i, 1, 20)).saveAsPng(dir.resolve("data").resolve(c).resolve(c + i + ".png").toString());
		}
		return dir.resolve("data");
	}

	@Test
	void cancellingBeforeTrainingStartsWritesNoModelFile(@TempDir Path dir) throws Exception {
		var r = new TrainWorkflow.Request(discImages(dir, 5).toString(), "single-cell", "x", dir.resolve("m.zip").toString(), "", 0, 1, 1,
			false);
		RecordingProgress escPressed = new RecordingProgress();
		escPressed.cancel();
		assertThrows(CancelledException.class, () -> TrainWorkflow.train(r, line -> {}, escPressed));
		assertFalse(Files.exists(dir.resolve("m.zip")));
	}

	@Test
	void cancellingDuringTrainingStopsItWithoutAModelFile(@TempDir Path dir) throws Exception {
		// 30 images a class: about 40 training cells, at least one batch of the default 32
		Path data = discImages(dir, 30);
		var r = new TrainWorkflow.Request(data.toString(), "single-cell", "x", dir.resolve("m.zip").toString(), "", 0, 3, 1e6, false);
		// Esc pressed once the first batch has been trained: noticed before the next batch is
		List<String> messages = new ArrayList<>();
		RecordingProgress escInTraining = new RecordingProgress().cancelOn(m -> {
			messages.add(m);
			return m.startsWith("epoch 1/3 batch 1/");
		});
		List<String> log = new ArrayList<>();
		assertThrows(CancelledException.class, () -> TrainWorkflow.train(r, log::add, escInTraining));
		assertTrue(!messages.isEmpty() && messages.get(messages.size() - 1).startsWith("epoch 1/3 batch 1/"),
			"cancelled in training's first batch, no progress after it: " + messages);
		assertFalse(log.stream().anyMatch(l -> l.startsWith("epoch 2:") || l.startsWith("best epoch")), "training stopped: " + log);
		assertEquals("LeukoCNN: training cancelled; no model file written", log.get(log.size() - 1));
		assertFalse(Files.exists(dir.resolve("m.zip")));
		try (var left = Files.list(dir)) {
			assertEquals(List.of("data"), left.map(f -> f.getFileName().toString()).toList(), "no partial model file left behind");
		}
	}

	@Test
	void anUnexpectedErrorKeepsItsStackTrace(@TempDir Path dir) throws Exception {
		var r = new TrainWorkflow.Request(discImages(dir, 30).toString(), "single-cell", "x", dir.resolve("m.zip").toString(), "", 0, 1,
			1, false);
		ProgressListener buggy = (fraction, message) -> { // fails once training has begun
			if (message != null && message.startsWith("epoch")) throw new NullPointerException("a bug in the progress shell");
		};
		List<String> log = new ArrayList<>();
		TrainWorkflow.Outcome outcome = TrainWorkflow.train(r, log::add, buggy);
		assertEquals(1, outcome.exitCode());
		assertFalse(outcome.modelWritten());
		assertEquals("leukocnn train: unexpected java.lang.NullPointerException: a bug in the progress shell", outcome.lastLine());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("\tat ") && l.contains("TrainWorkflowTest")), "the stack trace: " + log);
	}

	@Test
	void aFailingTrainingReportsItsReasonAndExitCode(@TempDir Path dir) {
		List<String> log = new ArrayList<>();
		var r = new TrainWorkflow.Request(dir.resolve("missing").toString(), "single-cell", "x", dir.resolve("m.zip").toString(), "", 0, 1, 1, false);
		TrainWorkflow.Outcome outcome = TrainWorkflow.train(r, log::add, ProgressListener.NONE);
		assertTrue(outcome.exitCode() != 0 && !outcome.modelWritten(), outcome.toString());
		assertTrue(log.get(0).startsWith("LeukoCNN: leukocnn train --data "), log.get(0));
		assertTrue(outcome.lastLine().contains("does not exist"), outcome.lastLine());
	}
}
