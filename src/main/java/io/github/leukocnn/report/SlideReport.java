package io.github.leukocnn.report;

import java.util.List;

import io.github.leukocnn.stats.Interval;
import io.github.leukocnn.stats.Probabilities;
import io.github.leukocnn.stats.Wilson;

/**
 * Many fields of one slide (or one batch) taken together.
 *
 * <p>Counts are pooled: the differential count and the blast percentage are over all cells of all
 * fields, with the Wilson interval of the pooled count (cells of one slide are treated as one
 * sample; clustering of blasts between fields would make the true interval wider).
 *
 * <p>Slide call rule: the slide probabilities are the mean of the field probabilities of the
 * fields that contain at least one cell, and the call is decided from them like a field's
 * ({@link Probabilities#decide} with the model's call threshold). Why: each field is one
 * observation of the smear, decided by the model's field rule on the bag size it was trained for;
 * averaging keeps each field's confidence (a majority vote throws it away and ties easily), and
 * weighting fields equally stops one crowded field from deciding the slide. Re-running the model's
 * field rule on all cells at once was rejected because rules such as "most suspicious cell" scale
 * badly to bags hundreds of times larger than a field. Fields without cells only carry the model's
 * prior and are left out; a slide without any cell has no call ({@link Decision#NO_CALL}). The
 * number of fields called positive is reported beside it for review.
 *
 * @param fields the field reports, in input order
 * @param counts pooled cells per class
 * @param blastFraction pooled blast cells / pooled cells, Wilson 95% interval
 * @param probabilities slide-level class probabilities (rule above)
 * @param callIndex the slide call, decided from {@code probabilities}; -1 without cells
 * @param leukaemia whether the slide call is a positive class (false without cells)
 * @param fieldsWithCells fields that contributed to {@code probabilities}
 * @param positiveFields fields whose own leukaemia call is positive
 */
public record SlideReport(
	List<FieldReport> fields,
	List<String> classes,
	List<String> positiveClasses,
	long[] counts,
	long cellCount,
	long blastCount,
	Interval blastFraction,
	double[] probabilities,
	int callIndex,
	boolean leukaemia,
	int fieldsWithCells,
	int positiveFields) implements Decision
{
	/** Short statement of the slide rule, written next to the numbers in the output. */
	public static final String RULE = "mean field probabilities over fields with cells; call decided like a field's";

	public static SlideReport of(List<FieldReport> fields) {
		if (fields.isEmpty()) throw new IllegalArgumentException("a slide report needs at least one field");
		List<String> classes = fields.get(0).classes();
		List<String> positives = fields.get(0).positiveClasses();
		for (FieldReport f : fields)
			if (!f.classes().equals(classes) || !f.positiveClasses().equals(positives)
				|| Double.compare(f.callThreshold(), fields.get(0).callThreshold()) != 0)
				throw new IllegalArgumentException("field " + f.image() + " was classified with classes " + f.classes() +
					" / positive " + f.positiveClasses() + " / call threshold " + f.callThreshold() + ", others with " + classes +
					" / " + positives + " / " + fields.get(0).callThreshold() + " (one model per slide)");
		int k = classes.size();
		long[] counts = new long[k];
		long cells = 0, blasts = 0;
		int withCells = 0, positiveFields = 0;
		double[] sumWithCells = new double[k], sumAll = new double[k];
		for (FieldReport f : fields) {
			for (int c = 0; c < k; c++) {
				counts[c] += f.counts()[c];
				sumAll[c] += f.fieldProbabilities()[c];
				if (f.cellCount() > 0) sumWithCells[c] += f.fieldProbabilities()[c];
			}
			cells += f.cellCount();
			blasts += f.blastCount();
			if (f.cellCount() > 0) withCells++;
			if (f.leukaemia()) positiveFields++;
		}
		double[] p = new double[k];
		for (int c = 0; c < k; c++)
			p[c] = withCells > 0 ? sumWithCells[c] / withCells : sumAll[c] / fields.size();
		boolean[] positive = new boolean[k];
		for (int c = 0; c < k; c++) positive[c] = positives.contains(classes.get(c));
		int call = withCells == 0 ? -1 : Probabilities.decide(p, positive, fields.get(0).callThreshold());
		return new SlideReport(List.copyOf(fields), classes, positives, counts, cells, blasts,
			Wilson.interval95(blasts, cells), p, call, call >= 0 && positive[call], withCells, positiveFields);
	}

	@Override
	public double[] callProbabilities() {
		return probabilities;
	}

	/** The fields' call threshold, one for the slide (see {@link #of}). */
	@Override
	public double callThreshold() {
		return fields.get(0).callThreshold();
	}

	public int fieldCount() {
		return fields.size();
	}
}
