package io.github.leukocnn.command;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.WindowManager;
import io.github.leukocnn.ij.CellDisplay;
import io.github.leukocnn.ij.ImageJProgress;
import io.github.leukocnn.ij.SegmentWorkflow;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.Segmenters;

/**
 * Segments the leukocytes of an RGB smear image: outlines on the overlay and in the ROI Manager,
 * one row per cell in the "LeukoCNN Cells" table; the label images and measurements stay with the
 * image ({@code CellDisplay.segmentationOf(image)}), so outputs are plain values. No menu entry: Fiji users reach it through the
 * ImageJ 1 plugin Plugins > LeukoCNN > Segment Leukocytes; scripts run it with CommandService.
 */
@Plugin(type = Command.class, label = "Segment Leukocytes", visible = false, headless = true)
public class SegmentLeukocytesCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Cell diameter (µm if calibrated in nm, µm, mm, cm or m, else px; 0 = estimate)", min = "0")
	private double cell_diameter = 0;

	@Parameter(label = "Add to ROI Manager")
	private boolean add_to_roi_manager = true;

	@Parameter(label = "Show results table")
	private boolean show_results = true;

	/** For scripts that bring their own segmentation method; the standard one otherwise. */
	@Parameter(required = false, visibility = ItemVisibility.INVISIBLE, persist = false)
	private LeukocyteSegmenter segmenter;

	@Parameter(type = ItemIO.OUTPUT)
	private int cell_count;

	@Override
	public void run() {
		ImageJProgress progress = new ImageJProgress("Segment Leukocytes", this::isCanceled);
		try {
			// Without imagej-legacy SciJava cannot fill an ImagePlus itself: it injects an empty one.
			if (image == null || image.getProcessor() == null) image = WindowManager.getCurrentImage();
			Segmentation segmentation = SegmentWorkflow.segment(image, cell_diameter,
				segmenter != null ? segmenter : Segmenters.standard(), progress);
			CellDisplay.show(image, segmentation, null, add_to_roi_manager, show_results);
			cell_count = segmentation.cellCount();
		}
		catch (ImageInputException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			// IllegalStateException: a bad leukocnn.segmenter property, or too many cells for 16-bit labels (as in Classify)
			log.error("Segment Leukocytes: " + e.getMessage());
			cancel(e.getMessage());
		}
		finally {
			progress.done();
		}
	}
}
