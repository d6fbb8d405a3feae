package io.github.leukocnn.classify;

import java.util.List;
import java.util.Set;

import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.Segmentation;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * Gives class probabilities to segmented leukocytes, and a field-level decision from them.
 * Implementations are deterministic: the same image, segmentation and model give the same numbers.
 */
public interface CellClassifier {

	/** Class names, in the order of every probability array this classifier returns. */
	List<String> classes();

	/** Classes whose presence makes the leukaemia call positive (e.g. early, pre, pro); may be empty. */
	Set<String> positiveClasses();

	/**
	 * Probabilities [cell][class] for each cell of {@code segmentation}, in the order of
	 * {@link Segmentation#measurements()}; each row sums to 1.
	 */
	float[][] classifyCells(RandomAccessibleInterval<ARGBType> rgb, Segmentation segmentation,
		ProgressListener progress);

	/** Probabilities of one image that shows a single centred cell (PBC-style input). */
	float[] classifySingleCell(RandomAccessibleInterval<ARGBType> rgb);

	/**
	 * Field-level class probabilities from the probabilities of its cells (the model's
	 * multiple-instance rule); all zeros never: with no cells it returns the model's prior.
	 */
	float[] aggregateField(float[][] cellProbabilities);

	/**
	 * Operating point of the leukaemia call on the field's P(positive classes), see
	 * {@link io.github.leukocnn.stats.Probabilities#decide}; NaN (the default) = argmax decisions.
	 */
	default double callThreshold() {
		return Double.NaN;
	}
}
