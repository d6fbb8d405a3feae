package io.github.leukocnn.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.ij.ClassifyWorkflow;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.FieldDisplay;
import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.segment.Segmenters;

/**
 * Plugins > LeukoCNN > Classify Leukocytes: segments the current RGB image, classifies every
 * leukocyte with a LeukoCNN model and reports the differential count and the leukaemia call.
 * Macro: {@code run("Classify Leukocytes", "model=all-screening cell_diameter=0 add_to_roi_manager show_results");}
 * or with {@code model=[model file...] model_file=/path/model.zip}.
 */
public class ClassifyLeukocytesPlugin implements PlugIn {

	static final String TITLE = "Classify Leukocytes";

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		String[] models = Classifiers.choices().toArray(new String[0]);
		PluginDialog gd = new PluginDialog(TITLE);
		gd.addChoice("model", models, models[0]);
		gd.addString("model_file", "");
		gd.addCellOptions(imp);
		if (!gd.show()) return;
		PluginRun.run(TITLE, () -> { // reading the fields may fail too (e.g. model=unknown in a macro)
			String model = gd.nextChoice(), file = gd.nextString();
			PluginDialog.CellOptions options = gd.nextCellOptions();
			ImageJProgress progress = new ImageJProgress(TITLE);
			try {
				ClassifyWorkflow.checkInput(imp, options.cellDiameter()); // before a model is loaded for nothing
				CellClassifier classifier = Classifiers.load(model, file);
				ClassifyBatch.Classified c = ClassifyWorkflow.classify(imp, options.cellDiameter(), Segmenters.standard(), classifier,
					progress);
				FieldDisplay.show(imp, c, options.addToRoiManager(), options.showResults());
				IJ.showStatus(TITLE + ": " + ClassifyBatch.describe(c.report())); // the console line of the command line's classify
			}
			finally {
				progress.done();
			}
		});
	}
}
