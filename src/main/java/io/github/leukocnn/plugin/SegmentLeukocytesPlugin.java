package io.github.leukocnn.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import io.github.leukocnn.ij.CellDisplay;
import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.ij.SegmentWorkflow;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.segment.Segmentation;

/**
 * Plugins > LeukoCNN > Segment Leukocytes: outlines every leukocyte of the current RGB image.
 * Macro: {@code run("Segment Leukocytes", "cell_diameter=0 add_to_roi_manager show_results");}
 */
public class SegmentLeukocytesPlugin implements PlugIn {

	static final String TITLE = "Segment Leukocytes";

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		PluginDialog gd = new PluginDialog(TITLE);
		gd.addNumber("cell_diameter", 0, 1, SegmentWorkflow.diameterUnit(imp) + " (0 = estimate)");
		gd.addCheckbox("add_to_roi_manager", true);
		gd.addCheckbox("show_results", true);
		if (!gd.show()) return;
		PluginRun.run(TITLE, () -> { // reading the fields may fail too (e.g. model=unknown in a macro)
			double diameter = gd.nextNumber();
			boolean addToRoiManager = gd.nextBoolean(), showResults = gd.nextBoolean();
			ImageJProgress progress = new ImageJProgress(TITLE);
			try {
				Segmentation s = SegmentWorkflow.segment(imp, diameter, Segmenters.standard(), progress);
				CellDisplay.show(imp, s, null, addToRoiManager, showResults);
				IJ.showStatus(TITLE + ": " + s.cellCount() + " leukocytes in " + imp.getTitle());
			}
			finally {
				progress.done();
			}
		});
	}
}
