package io.github.leukocnn.plugin;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.ij.TrainWorkflow;

/**
 * Plugins > LeukoCNN > Train LeukoCNN Model: trains a cell classifier from a folder of labelled
 * images (the command line's {@code leukocnn train}); progress and the evaluation go to the Log, Esc cancels.
 * Macro: {@code run("Train LeukoCNN Model", "data_folder=/data/pbc kind=single-cell name=my-types model_file=/models/my-types.zip");}
 */
public class TrainModelPlugin implements PlugIn {

	static final String TITLE = "Train LeukoCNN Model";

	@Override
	public void run(String arg) {
		PluginDialog gd = new PluginDialog(TITLE);
		gd.addMessage("single-cell: one sub-folder per class of single-cell images;\n" +
			"fields: one sub-folder per class of whole fields (every cell gets the field's class);\n" +
			"roi-sets: images each with an ROI set NAME.zip beside it, ROIs named by class\n" +
			"extra_cells, extra_fields (optional): a folder per class of single-cell images or of fields\n" +
			"(e.g. another scanner's); their training blocks are added, each under its folder's class or all as extra_class\n" +
			"start_from (optional): continue training a model's network (e.g. leukocyte-types) instead of starting afresh\n" +
			"recipe (optional): train with the settings a model (e.g. leukocyte-types) was trained with");
		gd.addString("data_folder", "");
		gd.addChoice("kind", TrainWorkflow.KINDS.toArray(new String[0]), "single-cell");
		gd.addString("name", "my-model");
		gd.addString("model_file", "");
		gd.addString("positive_classes", "");
		gd.addString("extra_cells", "");
		gd.addString("extra_class", "");
		gd.addString("extra_fields", "");
		gd.addString("start_from", "");
		gd.addString("recipe", "");
		gd.addNumber("cell_diameter", 0, 1, "pixels (fields; 0 = estimate)");
		gd.addNumber("epochs", 40, 0, "at most");
		gd.addNumber("max_minutes", 30, 0, "time budget");
		gd.addCheckbox("overwrite", false);
		if (!gd.show()) return;
		PluginRun.run(TITLE, () -> { // reading the fields may fail too (e.g. model=unknown in a macro)
			// read in the order the fields were added (PluginDialog keeps one sequence for all types); epochs and
			// max_minutes go to the request as given, which checks them (a cast here made 2.7 into 2, NaN into 0)
			String data = gd.nextString(), kind = gd.nextChoice(), name = gd.nextString(), modelFile = gd.nextString(),
				positive = gd.nextString(), extraCells = gd.nextString(), extraClass = gd.nextString(),
				extraFields = gd.nextString(), startFrom = gd.nextString(), recipe = gd.nextString();
			TrainWorkflow.Request request = new TrainWorkflow.Request(data, kind, name, modelFile, positive, gd.nextNumber(),
				gd.nextNumber(), gd.nextNumber(), gd.nextBoolean(), extraCells, extraClass, extraFields, startFrom, recipe);
			IJ.showStatus(TITLE + ": training (see the Log window; Esc cancels)...");
			ImageJProgress progress = new ImageJProgress(TITLE);
			TrainWorkflow.Outcome outcome;
			try {
				outcome = TrainWorkflow.train(request, IJ::log, progress);
			}
			finally {
				progress.done();
			}
			if (!outcome.modelWritten()) throw new IllegalArgumentException("no model written: " + outcome.lastLine());
			IJ.showStatus(TITLE + ": wrote " + request.modelFile() + (outcome.exitCode() == 0 ? "" : "; some images failed (see the Log)"));
		});
	}
}
