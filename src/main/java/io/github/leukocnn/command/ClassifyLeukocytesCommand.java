package io.github.leukocnn.command;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.WindowManager;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.ij.ClassifyWorkflow;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.FieldDisplay;
import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmenters;

/**
 * Segments and classifies the leukocytes of an RGB smear image with a LeukoCNN model: outlines named
 * and coloured by class, the "LeukoCNN Cells" rows, and one "LeukoCNN Fields" row with the
 * differential count and the leukaemia call; the full report stays with the image
 * ({@code FieldDisplay.reportOf(image)}), so outputs are plain values. No menu entry: the ImageJ 1 plugin Plugins > LeukoCNN >
 * Classify Leukocytes is the menu and macro interface; scripts run this with CommandService.
 */
@Plugin(type = Command.class, label = "Classify Leukocytes", visible = false, headless = true)
public class ClassifyLeukocytesCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(label = "Image")
	private ImagePlus image;

	/** Must equal {@link Classifiers#choices()} (tested): annotation values have to be constants. */
	@Parameter(label = "Model", choices = { "all-screening", "leukocyte-types", Classifiers.FROM_FILE })
	private String model = "all-screening";

	@Parameter(label = "Model file", required = false)
	private File model_file;

	@Parameter(label = "Cell diameter (µm if calibrated in nm, µm, mm, cm or m, else px; 0 = estimate)", min = "0")
	private double cell_diameter = 0;

	@Parameter(label = "Add to ROI Manager")
	private boolean add_to_roi_manager = true;

	@Parameter(label = "Show results tables")
	private boolean show_results = true;

	/** For scripts that bring their own segmentation method; the standard one otherwise. */
	@Parameter(required = false, visibility = ItemVisibility.INVISIBLE, persist = false)
	private LeukocyteSegmenter segmenter;

	@Parameter(type = ItemIO.OUTPUT)
	private int cell_count;

	/** The field class with the highest probability. */
	@Parameter(type = ItemIO.OUTPUT)
	private String call;

	/** "positive" or "negative"; "none" without cells; "" for a cell-type model (it makes no leukaemia call). */
	@Parameter(type = ItemIO.OUTPUT)
	private String leukaemia;

	@Override
	public void run() {
		ImageJProgress progress = new ImageJProgress("Classify Leukocytes", this::isCanceled);
		try {
			if (image == null || image.getProcessor() == null) image = WindowManager.getCurrentImage();
			ClassifyWorkflow.checkInput(image, cell_diameter); // before a model is loaded for nothing
			CellClassifier classifier = Classifiers.load(model, model_file == null ? null : model_file.getPath());
			ClassifyBatch.Classified result = ClassifyWorkflow.classify(image, cell_diameter, segmenter != null ? segmenter : Segmenters.standard(),
				classifier, progress);
			FieldDisplay.show(image, result, add_to_roi_manager, show_results);
			cell_count = result.segmentation().cellCount();
			call = result.report().call();
			leukaemia = result.report().callsLeukaemia() ? result.report().leukaemiaCall() : "";
		}
		catch (IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			log.error("Classify Leukocytes: " + e.getMessage());
			cancel(e.getMessage());
		}
		finally {
			progress.done();
		}
	}
}
