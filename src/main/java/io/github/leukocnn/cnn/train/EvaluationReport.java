package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.io.PngWriter;
import io.github.leukocnn.report.Plots;
import io.github.leukocnn.report.TrainingHistory;
import io.github.leukocnn.stats.Calibration;
import io.github.leukocnn.stats.Evaluation;
import io.github.leukocnn.stats.TemperatureScaling;

/**
 * Writes the held-out evaluation of a trained model: NAME-evaluation.md/json, and the plots of
 * {@link Plots}: NAME-roc.png (the leukaemia call on the test images, when the model has one),
 * NAME-calibration.png (test cells before and after the card's temperature) and, when training
 * left its history NAME-training.csv in the same folder, NAME-training.png.
 */
public final class EvaluationReport {

	private EvaluationReport() {}

	/** The per-epoch history training writes beside the report ({@link TrainingHistory}). */
	public static Path historyFile(Path dir, String name) {
		return dir.resolve(name + "-training.csv");
	}

	public static Path rocPng(Path dir, String name) {
		return dir.resolve(name + "-roc.png");
	}

	public static Path calibrationPng(Path dir, String name) {
		return dir.resolve(name + "-calibration.png");
	}

	public static Path trainingPng(Path dir, String name) {
		return dir.resolve(name + "-training.png");
	}

	public static Map<String, Object> json(ModelCard card, HeldOutScores validation, HeldOutScores test, List<String> failures) {
		List<String> classes = card.classes();
		boolean[] pos = Trainer.positives(card, classes);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("model", card.name());
		m.put("classes", classes);
		m.put("positive_classes", card.positiveClasses());
		m.put("temperature", card.temperature());
		m.put("field_aggregation", card.fieldAggregation());
		m.put("test", Trainer.summary(test, classes, pos, card.callThresholdOrNaN()));
		Map<String, Object> perClass = new LinkedHashMap<>();
		var cm = io.github.leukocnn.stats.ConfusionMatrix.of(classes, test.itemTruth(), decisions(test.itemProbabilities(), card));
		for (int c = 0; c < classes.size(); c++)
			perClass.put(classes.get(c), Map.of("precision", Trainer.round(cm.precision(c)), "recall", Trainer.round(cm.recall(c)),
				"f1", Trainer.round(cm.f1(c)), "support", cm.support(c)));
		m.put("test_per_class", perClass);
		m.put("test_confusion_rows_true_cols_predicted", confusion(cm, classes.size()));
		Map<String, Object> v = Trainer.summary(validation, classes, pos, card.callThresholdOrNaN());
		v.put("split", "validation block (the 15% before the test block), used for early stopping, temperature and field rule");
		m.put("validation", v);
		m.put("unreadable_or_failed_images", failures);
		m.put("card_metrics", card.metrics());
		return m;
	}

	public static void write(Path dir, ModelCard card, HeldOutScores validation, HeldOutScores test, List<String> failures,
		String command) throws IOException
	{
		Files.createDirectories(dir);
		Map<String, Object> j = json(card, validation, test, failures);
		atomicWrite(dir.resolve(card.name() + "-evaluation.json"), ModelFile.toJson(j));
		StringBuilder md = new StringBuilder();
		List<String> classes = card.classes();
		md.append("# ").append(card.name()).append(": held-out evaluation\n\n");
		md.append("Training command:\n\n```\n").append(command).append("\n```\n\n");
		md.append("Training data: ").append(card.trainingData()).append("  \nCitation: ").append(card.citation()).append("\n\n");
		md.append("Split: contiguous file-number blocks per class; test = last 20% of each class (never trained or tuned on), ")
			.append("validation = the 15% before it (early stopping, temperature, field rule).\n\n");
		md.append("Temperature ").append(card.temperature()).append(", field rule ").append(card.fieldAggregation())
			.append(", seed ").append(card.seed()).append(".\n\n## Test block\n\n| metric | value |\n|---|---|\n");
		@SuppressWarnings("unchecked")
		Map<String, Object> t = (Map<String, Object>) j.get("test");
		for (Map.Entry<String, Object> e : t.entrySet())
			if (!e.getKey().equals("split")) md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
		md.append("\n### Per class (images)\n\n| class | precision | recall | F1 |\n|---|---|---|---|\n");
		var cm2 = io.github.leukocnn.stats.ConfusionMatrix.of(classes, test.itemTruth(), decisions(test.itemProbabilities(), card));
		for (int c = 0; c < classes.size(); c++)
			md.append(String.format(java.util.Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", classes.get(c), cm2.precision(c), cm2.recall(c), cm2.f1(c)));
		md.append("\n### Confusion matrix (rows true, columns predicted)\n\n| |");
		for (String c : classes) md.append(' ').append(c).append(" |");
		md.append("\n|---|");
		for (int i = 0; i < classes.size(); i++) md.append("---|");
		md.append('\n');
		long[][] cm = confusion(cm2, classes.size());
		for (int r = 0; r < classes.size(); r++) {
			md.append("| ").append(classes.get(r)).append(" |");
			for (int c = 0; c < classes.size(); c++) md.append(' ').append(cm[r][c]).append(" |");
			md.append('\n');
		}
		md.append("\n## Validation block\n\n");
		@SuppressWarnings("unchecked")
		Map<String, Object> v = (Map<String, Object>) j.get("validation");
		for (Map.Entry<String, Object> e : v.entrySet())
			if (!e.getKey().equals("split")) md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
		md.append("\nImages that could not be used: ").append(failures.size()).append('\n');
		for (String f : failures) md.append("- ").append(f).append('\n');
		List<Path> plots = writePlots(dir, card, test);
		if (!plots.isEmpty()) md.append("\n## Plots\n\n");
		for (Path p : plots) md.append("![").append(p.getFileName()).append("](").append(p.getFileName()).append(")\n\n");
		atomicWrite(dir.resolve(card.name() + "-evaluation.md"), md.toString());
	}

	/** The PNG plots of the report (see the class comment); replaced like the Markdown and JSON. */
	static List<Path> writePlots(Path dir, ModelCard card, HeldOutScores test) throws IOException {
		String name = card.name();
		List<Path> written = new java.util.ArrayList<>();
		List<String> positives = card.positiveClasses() == null ? List.of() : card.positiveClasses();
		Evaluation e = Evaluation.of(card.classes(), positives, test.itemTruth(), Trainer.toDouble(test.itemProbabilities()), null, null,
			card.callThresholdOrNaN());
		if (e.roc() != null) {
			PngWriter.write(rocPng(dir, name), true, Plots.roc(e.roc(), e.auc(), String.join("+", e.positiveClasses())));
			written.add(rocPng(dir, name));
		}
		if (test.cellTruth().length > 0) {
			// the cells' probabilities carry the card's temperature: T·log p undoes it exactly
			double[][] calibrated = Trainer.toDouble(test.cellProbabilities());
			double t = card.temperature() > 0 ? card.temperature() : 1;
			double[][] raw = TemperatureScaling.apply(TemperatureScaling.logits(calibrated), 1 / t);
			int bins = Calibration.DEFAULT_BINS;
			PngWriter.write(calibrationPng(dir, name), true, Plots.reliability(Calibration.topLabel(raw, test.cellTruth(), bins),
				t == 1 ? null : Calibration.topLabel(calibrated, test.cellTruth(), bins), t));
			written.add(calibrationPng(dir, name));
		}
		Path history = historyFile(dir, name);
		if (Files.exists(history)) {
			PngWriter.write(trainingPng(dir, name), true, Plots.trainingCurves(TrainingHistory.read(history)));
			written.add(trainingPng(dir, name));
		}
		return written;
	}

	static long[][] confusion(io.github.leukocnn.stats.ConfusionMatrix cm, int k) {
		long[][] c = new long[k][k];
		for (int r = 0; r < k; r++)
			for (int q = 0; q < k; q++) c[r][q] = cm.count(r, q);
		return c;
	}

	/** The decided class of each image, as classify decides it (the card's call threshold). */
	static int[] decisions(float[][] p, ModelCard card) {
		boolean[] pos = Trainer.positives(card, card.classes());
		double[][] d = Trainer.toDouble(p);
		int[] a = new int[d.length];
		for (int i = 0; i < d.length; i++) a[i] = io.github.leukocnn.stats.Probabilities.decide(d[i], pos, card.callThresholdOrNaN());
		return a;
	}

	static void atomicWrite(Path p, String text) throws IOException {
		io.github.leukocnn.io.AtomicFiles.writeString(p, true, text);
	}
}
