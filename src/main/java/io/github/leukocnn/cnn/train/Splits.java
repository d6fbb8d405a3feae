package io.github.leukocnn.cnn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak-free splits of a training set into contiguous blocks of file numbers, per class
 * (stratified): neighbouring numbers may come from one patient, so a block boundary is the only
 * place where train and test touch. The LAST {@code testFraction} of each class is the test block,
 * the {@code validationFraction} before it the validation block, the rest trains.
 *
 * @param testBlock what the test block is, in words, for reports
 */
public record Splits(List<TrainingItem> train, List<TrainingItem> validation, List<TrainingItem> test, String testBlock) {

	/** The fractions the shipped models were trained with. */
	public static final double VALIDATION_FRACTION = 0.15, TEST_FRACTION = 0.2;

	public static Splits holdOut(TrainingData data, double validationFraction, double testFraction) {
		List<TrainingItem> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
		for (int c = 0; c < data.classes().size(); c++) {
			List<TrainingItem> items = ofClass(data, c);
			if (items.isEmpty()) continue; // a class of the model training continues from, without images here
			int[] b = bounds(items.size(), validationFraction, testFraction, data.classes().get(c));
			tr.addAll(items.subList(0, b[0]));
			va.addAll(items.subList(b[0], b[1]));
			te.addAll(items.subList(b[1], items.size()));
		}
		return new Splits(tr, va, te, String.format(java.util.Locale.ROOT,
			"test block (last %.0f%% of each class by file number), never used for training or tuning", testFraction * 100));
	}

	/**
	 * Block bounds of one class of {@code n} images in file-number order: [end of training block,
	 * end of validation block]; the test block runs from the second bound to n.
	 */
	public static int[] bounds(int n, double validationFraction, double testFraction, String className) {
		int nTest = testCount(n, testFraction);
		int nVal = Math.max(1, (int) Math.round(n * validationFraction));
		if (n - nTest - nVal < 1) throw new IllegalArgumentException("class '" + className + "' has " + n +
			" image(s): too few for a training, a validation and a test block");
		return new int[] { n - nTest - nVal, n - nTest };
	}

	/**
	 * Fold {@code fold} of {@code k}-fold cross-validation with contiguous blocks per class, over the
	 * images BEFORE the test block of {@link #holdOut} (the last {@code testFraction} of each class),
	 * so that comparing settings by cross-validation never uses the images the shipped figures are
	 * measured on: block {@code fold} is the fold's test block, the block before it (cyclically)
	 * validates, the rest trains.
	 */
	public static Splits fold(TrainingData data, int k, int fold, double testFraction) {
		if (k < 3) throw new IllegalArgumentException("cross-validation needs at least 3 folds, got " + k);
		List<TrainingItem> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
		for (int c = 0; c < data.classes().size(); c++) {
			List<TrainingItem> all = ofClass(data, c);
			if (all.isEmpty()) continue;
			List<TrainingItem> items = all.subList(0, all.size() - testCount(all.size(), testFraction));
			int n = items.size();
			if (n < k) throw new IllegalArgumentException("class '" + data.classes().get(c) + "' has " + n +
				" image(s) before its test block, fewer than " + k + " folds");
			int val = (fold + k - 1) % k;
			for (int b = 0; b < k; b++) {
				List<TrainingItem> block = items.subList(b * n / k, (b + 1) * n / k);
				(b == fold ? te : b == val ? va : tr).addAll(block);
			}
		}
		return new Splits(tr, va, te, String.format(java.util.Locale.ROOT, "test block of fold %d/%d (block %d of %d of the images " +
			"before the last %.0f%% of each class)", fold + 1, k, fold + 1, k, testFraction * 100));
	}

	/** Size of the test block of a class of {@code n} images: at least one. */
	static int testCount(int n, double testFraction) {
		return Math.max(1, (int) Math.round(n * testFraction));
	}

	/** These splits with {@code extra} items added to the training block only. */
	public Splits withExtraTraining(List<TrainingItem> extra) {
		if (extra.isEmpty()) return this;
		List<TrainingItem> tr = new ArrayList<>(train);
		tr.addAll(extra);
		return new Splits(tr, validation, test, testBlock);
	}

	/** Items of class {@code c} in file-number order. */
	static List<TrainingItem> ofClass(TrainingData data, int c) {
		List<TrainingItem> items = new ArrayList<>();
		for (TrainingItem i : data.items()) if (i.label() == c) items.add(i);
		items.sort((a, b) -> a.order() != b.order() ? Long.compare(a.order(), b.order()) : a.file().compareTo(b.file()));
		return items;
	}
}
