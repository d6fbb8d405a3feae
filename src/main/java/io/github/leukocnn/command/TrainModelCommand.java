package io.github.leukocnn.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.ij.TrainWorkflow;
import io.github.leukocnn.progress.CancelledException;

/**
 * Trains a LeukoCNN cell classifier from a folder of labelled images (the command line's
 * {@code leukocnn train}). No menu entry: Plugins > LeukoCNN > Train LeukoCNN Model is the ImageJ 1
 * plugin; scripts run this with CommandService.
 */
@Plugin(type = Command.class, label = "Train LeukoCNN Model", visible = false, headless = true)
public class TrainModelCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(label = "Training images", style = "directory")
	private File data_folder;

	/** Must equal {@link TrainWorkflow#KINDS} (tested). */
	@Parameter(label = "Labelled as", choices = { "single-cell", "fields", "roi-sets" })
	private String kind = "single-cell";

	@Parameter(label = "Model name")
	private String name = "my-model";

	@Parameter(label = "Model file to write", style = "save")
	private File model_file;

	@Parameter(label = "Positive classes (comma-separated)", required = false)
	private String positive_classes = "";

	@Parameter(label = "Extra cells (folder per class, optional)", style = "directory", required = false, persist = false)
	private File extra_cells;

	@Parameter(label = "Extra fields (folder per class, optional)", style = "directory", required = false, persist = false)
	private File extra_fields;

	@Parameter(label = "Train extra cells and fields as class (optional)", required = false, persist = false)
	private String extra_class = "";

	@Parameter(label = "Start from model (name or file, optional)", required = false, persist = false)
	private String start_from = "";

	@Parameter(label = "Training settings of model (name or file, optional)", required = false, persist = false)
	private String recipe = "";

	@Parameter(label = "Cell diameter (px, fields; 0 = estimate)", min = "0")
	private double cell_diameter = 0;

	/** A double, so that a script's 2.7 is refused by the request (with the others' checks) rather than cut to 2. */
	@Parameter(label = "Maximum epochs (whole number, at least 1)", min = "1", stepSize = "1")
	private double epochs = 40;

	@Parameter(label = "Time budget (minutes, more than 0)", min = "0")
	private double max_minutes = 30;

	@Parameter(label = "Replace an existing model file")
	private boolean overwrite = false;

	/** 0 trained with every image, 1 some images could not be used (see the log). */
	@Parameter(type = ItemIO.OUTPUT)
	private int exit_code;

	@Override
	public void run() {
		ImageJProgress progress = new ImageJProgress("Train LeukoCNN Model", this::isCanceled);
		try {
			TrainWorkflow.Outcome outcome = TrainWorkflow.train(new TrainWorkflow.Request(path(data_folder), kind, name,
				path(model_file), positive_classes, cell_diameter, epochs, max_minutes, overwrite, path(extra_cells), extra_class,
				path(extra_fields), start_from, recipe), log::info,
				progress);
			exit_code = outcome.exitCode();
			if (!outcome.modelWritten()) cancel("no model written: " + outcome.lastLine());
		}
		catch (IllegalArgumentException | CancelledException e) {
			log.error("Train LeukoCNN Model: " + e.getMessage());
			cancel(e.getMessage());
		}
		finally {
			progress.done();
		}
	}

	private static String path(File f) {
		return f == null ? null : f.getPath();
	}
}
