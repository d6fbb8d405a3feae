package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.report.TrainingHistory;
import io.github.leukocnn.testutil.RecordingProgress;

/**
 * A tiny training run with a report folder: the per-epoch history CSV survives an interrupted
 * run, a resumed run continues its rows, and the report holds decodable ROC, calibration and
 * training-curve plots.
 */
class TrainingReportTest {

	@TempDir
	Path dir;

	private TrainingJob.Options options(Path data, int epochs, boolean resume) {
		return TrainingJob.Options.defaults(data, "single-cell", "toy", dir.resolve("toy.zip")).toBuilder().positives(List.of("ring"))
			.cropSize(16).cellFraction(0.8).epochs(epochs).patience(50).maxMinutes(TrainingDataTest.NO_TIME_LIMIT).seed(3).batchSize(8).learningRate(5e-3)
			.lrDecay(0.9).channels(new int[] { 8, 16 }).dense(16).cellsPerImage(0).checkpoints(dir.resolve("ck")).resume(resume)
			.overwrite(true).reportDir(dir.resolve("report")).trainingData("synthetic discs and rings").citation("none").threads(2)
			.build();
	}

	@Test
	void historyIsKeptWhenInterruptedContinuedOnResumeAndPlotted() throws IOException {
		Path data = TrainingDataTest.dataset(dir.resolve("data"), 20);
		Path report = dir.resolve("report"), csv = EvaluationReport.historyFile(report, "toy");
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

		// interrupted in its third epoch: the two finished epochs are on disk
		RecordingProgress stop = new RecordingProgress().cancelOn(m -> m.startsWith("epoch 3/4 batch"));
		assertThrows(CancelledException.class, () -> TrainingJob.run(options(data, 4, false), out, stop));
		List<TrainingHistory.Epoch> first = TrainingHistory.read(csv).epochs();
		assertEquals(List.of(1, 2), first.stream().map(TrainingHistory.Epoch::epoch).toList(), log.toString(StandardCharsets.UTF_8));
		for (TrainingHistory.Epoch e : first) {
			assertTrue(e.trainLoss() > 0 && e.trainLoss() < 10, "train loss " + e);
			assertTrue(e.validationLoss() > 0 && e.validationLoss() < 10, "validation loss " + e);
			assertTrue(e.validationAccuracy() >= 0 && e.validationAccuracy() <= 1, "validation accuracy " + e);
		}
		String text = Files.readString(csv);
		assertTrue(text.startsWith(TrainingHistory.HEADER + "\r\n"), text);
		assertFalse(Files.exists(dir.resolve("toy.zip")));

		// resumed: epochs 1-2 unchanged, 3-4 appended
		TrainingJob.Outcome done = TrainingJob.run(options(data, 4, true), out, new RecordingProgress());
		List<TrainingHistory.Epoch> all = TrainingHistory.read(csv).epochs();
		assertEquals(List.of(1, 2, 3, 4), all.stream().map(TrainingHistory.Epoch::epoch).toList(), log.toString(StandardCharsets.UTF_8));
		assertEquals(first, all.subList(0, 2));
		String printed = log.toString(StandardCharsets.UTF_8);
		assertTrue(printed.contains("continuing training history") && printed.contains("epoch 4:"), printed);
		// the CSV is the log's numbers (4 decimals there)
		TrainingHistory.Epoch last = all.get(3);
		assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "epoch 4: train loss %.4f, validation image acc %.4f",
			last.trainLoss(), last.validationAccuracy())), printed);

		for (String plot : List.of("toy-roc.png", "toy-calibration.png", "toy-training.png")) {
			BufferedImage img = ImageIO.read(report.resolve(plot).toFile());
			assertNotNull(img, plot + " is not a decodable image");
			assertTrue(img.getWidth() >= 500 && img.getHeight() >= 500, plot + " " + img.getWidth() + "x" + img.getHeight());
			assertTrue(nonWhite(img) > 1000, plot + " has a drawing");
		}
		assertEquals(640, ImageIO.read(EvaluationReport.trainingPng(report, "toy").toFile()).getWidth());
		String md = Files.readString(report.resolve("toy-evaluation.md"));
		assertTrue(md.contains("![toy-roc.png](toy-roc.png)") && md.contains("![toy-training.png](toy-training.png)"), md);
		assertNotNull(done.card());
	}

	@Test
	void aFreshRunReplacesAnOldHistory() throws IOException {
		Path data = TrainingDataTest.dataset(dir.resolve("data"), 20);
		Path csv = EvaluationReport.historyFile(dir.resolve("report"), "toy");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, TrainingHistory.HEADER + "\n1,9,9,0\n2,9,9,0\n3,9,9,0\n");
		TrainingJob.run(options(data, 1, false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new RecordingProgress());
		List<TrainingHistory.Epoch> h = TrainingHistory.read(csv).epochs();
		assertEquals(1, h.size());
		assertTrue(h.get(0).trainLoss() < 9);
	}

	private static int nonWhite(BufferedImage img) {
		int n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) n++;
		return n;
	}
}
