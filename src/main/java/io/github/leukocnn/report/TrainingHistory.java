package io.github.leukocnn.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.io.CsvWriter;

/**
 * The per-epoch log that training writes, {@code training.csv} with the columns
 * {@value #HEADER} (more columns may follow; they are ignored). Losses are mean cross-entropy,
 * accuracy a fraction 0..1; an empty or NaN value means "not measured" (e.g. no validation set).
 */
public record TrainingHistory(List<Epoch> epochs) {

	public static final String HEADER = "epoch,train_loss,val_loss,val_accuracy";
	public static final List<String> COLUMNS = List.of(HEADER.split(","));

	public record Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy) {}

	public static TrainingHistory read(Path csv) throws IOException {
		CsvTable t = CsvTable.read(csv);
		t.requireColumns(COLUMNS);
		List<Epoch> epochs = new ArrayList<>();
		for (int r = 0; r < t.rowCount(); r++) {
			double e = t.number(r, "epoch");
			if (!(e >= 0) || e != Math.rint(e))
				throw new IOException(csv + ": line " + t.lineNumber(r) + ": epoch must be a whole number, got '" + t.get(r, "epoch") + "'");
			epochs.add(new Epoch((int) e, t.number(r, "train_loss"), t.number(r, "val_loss"), t.number(r, "val_accuracy")));
		}
		if (epochs.isEmpty()) throw new IOException(csv + ": no epochs (only a header)");
		return new TrainingHistory(List.copyOf(epochs));
	}

	/** This history with {@code e} appended. */
	public TrainingHistory plus(Epoch e) {
		List<Epoch> all = new ArrayList<>(epochs);
		all.add(e);
		return new TrainingHistory(List.copyOf(all));
	}

	/** The epochs up to and including {@code lastEpoch} (to continue a resumed run). */
	public TrainingHistory upTo(int lastEpoch) {
		return new TrainingHistory(epochs.stream().filter(e -> e.epoch() <= lastEpoch).toList());
	}

	public String toCsv() {
		List<Object[]> rows = new ArrayList<>();
		for (Epoch e : epochs)
			rows.add(new Object[] { e.epoch(), e.trainLoss(), e.validationLoss(), e.validationAccuracy() });
		return CsvWriter.toCsv(COLUMNS, rows);
	}

	/** Writes (replaces) {@code csv} atomically, so a reader or an interrupted run never sees half a file. */
	public void write(Path csv) throws IOException {
		AtomicFiles.writeString(csv, true, toCsv());
	}
}
