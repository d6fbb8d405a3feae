package io.github.leukocnn.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.batch.BatchRunner;
import io.github.leukocnn.batch.BatchSetupException;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.io.PngWriter;
import io.github.leukocnn.stats.Evaluation;

/**
 * Writes the files of an evaluation into a folder, all or nothing ({@link AtomicFiles.Group}):
 * {@value #METRICS_JSON}, {@value #METRICS_CSV}, {@value #CONFUSION_CSV}, {@value #CALIBRATION_PNG},
 * and for a binary task {@value #ROC_CSV} and {@value #ROC_PNG}; {@value #TRAINING_PNG} when a
 * training history is given. Existing files are replaced only with {@code overwrite}.
 */
public final class EvaluationWriter {

	public static final String METRICS_JSON = "metrics.json", METRICS_CSV = "metrics.csv", CONFUSION_CSV = "confusion.csv",
		ROC_CSV = "roc.csv", ROC_PNG = "roc.png", CALIBRATION_PNG = "calibration.png", TRAINING_PNG = "training-curves.png";

	/** Another CSV written with the evaluation (e.g. the predictions it was computed from). */
	public record Table(String fileName, List<String> header, List<Object[]> rows) {}

	private EvaluationWriter() {}

	/** The files {@link #write} would create for {@code e}. */
	public static List<Path> outputs(Evaluation e, Path folder, boolean withTraining) {
		List<Path> files = new ArrayList<>(List.of(folder.resolve(METRICS_JSON), folder.resolve(METRICS_CSV),
			folder.resolve(CONFUSION_CSV), folder.resolve(CALIBRATION_PNG)));
		if (e.roc() != null) {
			files.add(folder.resolve(ROC_CSV));
			files.add(folder.resolve(ROC_PNG));
		}
		if (withTraining) files.add(folder.resolve(TRAINING_PNG));
		return files;
	}

	/**
	 * @param source what was evaluated (file or model + data), recorded in metrics.json
	 * @param training may be null
	 * @return the files written
	 */
	public static List<Path> write(Evaluation e, String source, TrainingHistory training, Path folder, boolean overwrite)
		throws IOException
	{
		return write(e, source, training, List.of(), folder, overwrite);
	}

	/** As {@link #write(Evaluation, String, TrainingHistory, Path, boolean)}, with more tables in the same group. */
	public static List<Path> write(Evaluation e, String source, TrainingHistory training, List<Table> tables, Path folder,
		boolean overwrite) throws IOException
	{
		try {
			BatchRunner.prepareOutputFolder(folder);
		}
		catch (BatchSetupException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		List<Path> files = new ArrayList<>(outputs(e, folder, training != null));
		for (Table t : tables)
			files.add(folder.resolve(t.fileName()));
		AtomicFiles.checkCanWrite(files, overwrite); // before any work: say which file is in the way
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			text(group, folder.resolve(METRICS_JSON), EvaluationTables.json(e, source));
			csv(group, folder.resolve(METRICS_CSV), EvaluationTables.METRICS_HEADER, EvaluationTables.metricsRows(e));
			csv(group, folder.resolve(CONFUSION_CSV), EvaluationTables.confusionHeader(e.classes()),
				EvaluationTables.confusionRows(e.confusion()));
			PngWriter.write(group, folder.resolve(CALIBRATION_PNG),
				Plots.reliability(e.calibration(), e.calibrationScaled(), e.temperature()));
			if (e.roc() != null) {
				csv(group, folder.resolve(ROC_CSV), EvaluationTables.ROC_HEADER, EvaluationTables.rocRows(e.roc()));
				ColorProcessor roc = Plots.roc(e.roc(), e.auc(), String.join("+", e.positiveClasses()));
				PngWriter.write(group, folder.resolve(ROC_PNG), roc);
			}
			if (training != null) PngWriter.write(group, folder.resolve(TRAINING_PNG), Plots.trainingCurves(training));
			for (Table t : tables)
				csv(group, folder.resolve(t.fileName()), t.header(), t.rows());
			group.commit();
		}
		return files;
	}

	static void csv(AtomicFiles.Group group, Path target, List<String> header, List<Object[]> rows) throws IOException {
		text(group, target, CsvWriter.toCsv(header, rows));
	}

	static void text(AtomicFiles.Group group, Path target, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		group.write(target, out -> out.write(bytes));
	}
}
