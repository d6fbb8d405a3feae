package io.github.leukocnn.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.stats.ConfusionMatrix;
import io.github.leukocnn.stats.Interval;
import io.github.leukocnn.stats.Probabilities;
import io.github.leukocnn.stats.Wilson;

/**
 * What LeukoCNN says about one field (image): the differential count, the blast percentage with
 * its Wilson 95% interval, the field-level class probabilities and the resulting calls.
 *
 * <p>Definitions: a cell counts for class c when c is the argmax of its probabilities. A cell is a
 * "blast" when its class is one of the classifier's positive classes; the blast fraction is
 * blasts / classified cells (NaN with no cells). The field probabilities come from the model's own
 * multiple-instance rule ({@link CellClassifier#aggregateField}); the field call is decided from them
 * by {@link Probabilities#decide} (the argmax, or with the model's call threshold the most probable
 * class on the side of the leukaemia call) and the leukaemia call is positive when the field call is
 * a positive class. A field in which no leukocyte was found has no call ({@link Decision#NO_CALL});
 * its field probabilities, only the model's prior, are kept for {@code evaluate}, which scores such
 * images by them.
 *
 * @param image the image's name as reported (e.g. its path relative to the input folder)
 * @param classes class names in the classifier's order
 * @param positiveClasses the positive classes, in class order
 * @param cells one call per classified cell
 * @param counts cells per class, indexed like {@code classes}
 * @param blastCount cells whose class is positive
 * @param blastFraction blastCount / cell count with its Wilson 95% interval (fractions, not %)
 * @param fieldProbabilities field-level class probabilities
 * @param callIndex the field call, decided from {@code fieldProbabilities}; -1 without cells
 * @param leukaemia whether the field call is a positive class (false without cells)
 * @param callThreshold the classifier's call threshold (NaN = argmax)
 */
public record FieldReport(
	String image,
	List<String> classes,
	List<String> positiveClasses,
	List<CellCall> cells,
	long[] counts,
	long blastCount,
	Interval blastFraction,
	double[] fieldProbabilities,
	int callIndex,
	boolean leukaemia,
	double callThreshold) implements Decision
{
	/** Report of a segmented field; {@code cellProbabilities} follow {@link Segmentation#measurements()}. */
	public static FieldReport of(String image, Segmentation segmentation, float[][] cellProbabilities, CellClassifier classifier) {
		if (cellProbabilities.length != segmentation.cellCount())
			throw new IllegalArgumentException(image + ": " + cellProbabilities.length + " probability rows for " +
				segmentation.cellCount() + " segmented cells");
		return of(image, classifier.classes(), classifier.positiveClasses(), segmentation.measurements(),
			cellProbabilities, classifier.aggregateField(cellProbabilities), classifier.callThreshold());
	}

	/**
	 * Report of an image that shows one centred cell (PBC-style input): one cell without
	 * measurements; the field probabilities still go through the model's aggregation rule, so
	 * single-cell and segmented fields are decided the same way.
	 */
	public static FieldReport singleCell(String image, float[] probabilities, CellClassifier classifier) {
		float[][] cells = { probabilities };
		List<CellMeasurements> none = new ArrayList<>();
		none.add(null);
		return of(image, classifier.classes(), classifier.positiveClasses(), none, cells, classifier.aggregateField(cells),
			classifier.callThreshold());
	}

	/**
	 * The general form.
	 *
	 * @param measurements one per cell (entries may be null), in the order of {@code cellProbabilities}
	 */
	public static FieldReport of(String image, List<String> classes, Collection<String> positiveClasses,
		List<CellMeasurements> measurements, float[][] cellProbabilities, float[] fieldProbabilities)
	{
		return of(image, classes, positiveClasses, measurements, cellProbabilities, fieldProbabilities, Double.NaN);
	}

	/** The general form, with a call threshold (NaN = argmax). */
	public static FieldReport of(String image, List<String> classes, Collection<String> positiveClasses,
		List<CellMeasurements> measurements, float[][] cellProbabilities, float[] fieldProbabilities, double callThreshold)
	{
		int k = classes.size();
		if (measurements.size() != cellProbabilities.length)
			throw new IllegalArgumentException(image + ": " + measurements.size() + " cells but " + cellProbabilities.length + " probability rows");
		if (fieldProbabilities.length != k)
			throw new IllegalArgumentException(image + ": " + fieldProbabilities.length + " field probabilities for " + k + " classes");
		boolean[] positive = ConfusionMatrix.positiveMask(classes, positiveClasses);
		List<String> positives = new ArrayList<>();
		for (int c = 0; c < k; c++)
			if (positive[c]) positives.add(classes.get(c));
		long[] counts = new long[k];
		long blasts = 0;
		List<CellCall> calls = new ArrayList<>(cellProbabilities.length);
		for (int i = 0; i < cellProbabilities.length; i++) {
			if (cellProbabilities[i].length != k)
				throw new IllegalArgumentException(image + ": cell " + (i + 1) + " has " + cellProbabilities[i].length + " probabilities for " + k + " classes");
			double[] p = toDouble(cellProbabilities[i]);
			int c = Probabilities.argmax(p);
			counts[c]++;
			if (positive[c]) blasts++;
			calls.add(new CellCall(measurements.get(i), p, c));
		}
		double[] field = toDouble(fieldProbabilities);
		int call = calls.isEmpty() ? -1 : Probabilities.decide(field, positive, callThreshold);
		return new FieldReport(image, List.copyOf(classes), List.copyOf(positives), List.copyOf(calls), counts, blasts,
			Wilson.interval95(blasts, calls.size()), field, call, call >= 0 && positive[call], callThreshold);
	}

	@Override
	public double[] callProbabilities() {
		return fieldProbabilities;
	}

	public int cellCount() {
		return cells.size();
	}

	static double[] toDouble(float[] values) {
		double[] d = new double[values.length];
		for (int i = 0; i < d.length; i++)
			d[i] = values[i];
		return d;
	}
}
