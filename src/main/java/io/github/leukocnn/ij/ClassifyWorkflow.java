package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.segment.LeukocyteSegmenter;

/** Segments and classifies the leukocytes of an open ImageJ image: the core call behind "Classify Leukocytes". */
public final class ClassifyWorkflow {

	private ClassifyWorkflow() {}

	/**
	 * Refuses what {@link #classify} would refuse about the image and the diameter ("No image open", a
	 * greyscale image or a stack, a negative diameter), so that the shells can check it before loading a model.
	 */
	public static void checkInput(ImagePlus imp, double cellDiameter) throws ImageInputException {
		SegmentWorkflow.rgb(imp);
		SegmentWorkflow.diameterInPixels(imp, cellDiameter);
	}

	/**
	 * The command line's per-image step ({@link ClassifyBatch#classify}) on an open image.
	 *
	 * @param cellDiameter as for {@link SegmentWorkflow#segment}: calibrated unit or pixels, 0 = estimate
	 */
	public static ClassifyBatch.Classified classify(ImagePlus imp, double cellDiameter, LeukocyteSegmenter segmenter,
		CellClassifier classifier, ProgressListener progress) throws ImageInputException
	{
		ColorProcessor rgb = SegmentWorkflow.rgb(imp); // first: says "No image open" for a missing image
		var settings = SegmentWorkflow.settings(imp, cellDiameter, progress);
		return ClassifyBatch.classify(imp.getTitle(), rgb, SegmentWorkflow.whole(segmenter), classifier,
			settings.cellDiameter(), settings.threads(), progress);
	}
}
