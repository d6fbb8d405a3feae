package io.github.leukocnn.ij;

import ij.ImagePlus;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/** Segments and classifies the leukocytes of an open ImageJ image: the core calls behind "Classify Leukocytes". */
public final class ClassifyWorkflow {

	private ClassifyWorkflow() {}

	/**
	 * @param predictions class probabilities of each cell, in the order of the measurements
	 * @param fieldProbabilities the model's field-level class probabilities
	 */
	public record Classified(Segmentation segmentation, CellPredictions predictions, float[] fieldProbabilities) {}

	/** @param cellDiameter as for {@link SegmentWorkflow#segment}: calibrated unit or pixels, 0 = estimate */
	public static Classified classify(ImagePlus imp, double cellDiameter, LeukocyteSegmenter segmenter,
		CellClassifier classifier, ProgressListener progress) throws ImageInputException
	{
		RandomAccessibleInterval<ARGBType> rgb = RgbImages.wrap(SegmentWorkflow.rgb(imp));
		Segmentation s = segmenter.segment(rgb, SegmentWorkflow.settings(imp, cellDiameter, progress.subRange(0, 0.4)));
		float[][] p = classifier.classifyCells(rgb, s, progress.subRange(0.4, 1));
		return new Classified(s, new CellPredictions(classifier.classes(), p), classifier.aggregateField(p));
	}
}
