package io.github.leukocnn.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Counts of (true class, predicted class) pairs over a fixed, ordered list of class names, and
 * the metrics derived from them. Rows are true classes, columns predicted classes.
 *
 * <p>Conventions for classes without cases (chosen so that no metric silently becomes 0 or 1):
 * precision is NaN for a class that was never predicted, recall is NaN for a class that never
 * occurs; F1 is {@code 2TP / (2TP + FP + FN)}, NaN only when the class neither occurs nor is
 * predicted. Macro averages skip NaN entries (i.e. classes absent from both truth and
 * predictions for F1, classes absent from the truth for balanced accuracy).
 */
public final class ConfusionMatrix {

	private final List<String> classes;
	private final long[][] counts;

	public ConfusionMatrix(List<String> classes) {
		if (classes.isEmpty()) throw new IllegalArgumentException("need at least one class");
		if (Set.copyOf(classes).size() != classes.size())
			throw new IllegalArgumentException("class names must be unique: " + classes);
		this.classes = List.copyOf(classes);
		this.counts = new long[classes.size()][classes.size()];
	}

	/** Builds the matrix from parallel arrays of true and predicted class indices. */
	public static ConfusionMatrix of(List<String> classes, int[] truth, int[] predicted) {
		if (truth.length != predicted.length)
			throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
		ConfusionMatrix m = new ConfusionMatrix(classes);
		for (int i = 0; i < truth.length; i++)
			m.add(truth[i], predicted[i]);
		return m;
	}

	public void add(int trueClass, int predictedClass) {
		checkIndex(trueClass);
		checkIndex(predictedClass);
		counts[trueClass][predictedClass]++;
	}

	private void checkIndex(int c) {
		if (c < 0 || c >= classes.size())
			throw new IndexOutOfBoundsException("class index " + c + " outside 0.." + (classes.size() - 1));
	}

	public List<String> classes() {
		return classes;
	}

	public int classCount() {
		return classes.size();
	}

	public long count(int trueClass, int predictedClass) {
		return counts[trueClass][predictedClass];
	}

	public long total() {
		long t = 0;
		for (long[] row : counts)
			for (long v : row)
				t += v;
		return t;
	}

	/** Cases whose true class is {@code c} (its support). */
	public long support(int c) {
		long t = 0;
		for (long v : counts[c])
			t += v;
		return t;
	}

	/** Cases predicted as {@code c}. */
	public long predictedCount(int c) {
		long t = 0;
		for (long[] row : counts)
			t += row[c];
		return t;
	}

	public long truePositives(int c) {
		return counts[c][c];
	}

	public double accuracy() {
		long correct = 0;
		for (int c = 0; c < counts.length; c++)
			correct += counts[c][c];
		long n = total();
		return n == 0 ? Double.NaN : (double) correct / n;
	}

	public Interval accuracyInterval() {
		long correct = 0;
		for (int c = 0; c < counts.length; c++)
			correct += counts[c][c];
		return Wilson.interval95(correct, total());
	}

	public double precision(int c) {
		long p = predictedCount(c);
		return p == 0 ? Double.NaN : (double) counts[c][c] / p;
	}

	public double recall(int c) {
		long s = support(c);
		return s == 0 ? Double.NaN : (double) counts[c][c] / s;
	}

	public double f1(int c) {
		long tp = counts[c][c];
		long d = support(c) + predictedCount(c); // = 2TP + FN + FP
		return d == 0 ? Double.NaN : 2.0 * tp / d;
	}

	/** Unweighted mean F1 over the classes that occur in the truth or in the predictions. */
	public double macroF1() {
		List<Double> f = new ArrayList<>();
		for (int c = 0; c < classCount(); c++)
			f.add(f1(c));
		return meanIgnoringNaN(f);
	}

	/** Mean recall over the classes that occur in the truth. */
	public double balancedAccuracy() {
		List<Double> r = new ArrayList<>();
		for (int c = 0; c < classCount(); c++)
			r.add(recall(c));
		return meanIgnoringNaN(r);
	}

	/**
	 * Collapses the matrix to a binary call: a case is positive (truth or prediction) when its
	 * class is one of {@code positiveClasses}.
	 */
	public BinaryCounts binary(Collection<String> positiveClasses) {
		boolean[] positive = positiveMask(classes, positiveClasses);
		long tp = 0, fp = 0, tn = 0, fn = 0;
		for (int t = 0; t < classCount(); t++)
			for (int p = 0; p < classCount(); p++) {
				long v = counts[t][p];
				if (positive[t] && positive[p]) tp += v;
				else if (positive[t]) fn += v;
				else if (positive[p]) fp += v;
				else tn += v;
			}
		return new BinaryCounts(tp, fp, tn, fn);
	}

	/** For each class, whether it is in {@code positiveClasses}; unknown names are an error. */
	public static boolean[] positiveMask(List<String> classes, Collection<String> positiveClasses) {
		boolean[] mask = new boolean[classes.size()];
		for (String name : positiveClasses) {
			int i = classes.indexOf(name);
			if (i < 0) throw new IllegalArgumentException("positive class '" + name + "' is not one of " + classes);
			mask[i] = true;
		}
		return mask;
	}

	private static double meanIgnoringNaN(List<Double> values) {
		double sum = 0;
		int n = 0;
		for (double v : values)
			if (!Double.isNaN(v)) {
				sum += v;
				n++;
			}
		return n == 0 ? Double.NaN : sum / n;
	}
}
