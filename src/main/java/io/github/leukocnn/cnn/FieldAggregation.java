package io.github.leukocnn.cnn;

/**
 * Multiple-instance rules from the class probabilities of a field's cells to the field's.
 * The field label of all-taleqani belongs to the patient's sample: in a leukaemic field most
 * leukocytes are blasts of one lineage, in a benign one they are hematogones/lymphocytes.
 */
public enum FieldAggregation {
	/** Normalised geometric mean (mean of log-probabilities): every cell votes, confident cells count more. */
	MEAN_LOG,
	/** Arithmetic mean of the probabilities. */
	MEAN_PROB,
	/**
	 * Noisy-OR on the positive classes: P(field positive) = 1 - Π(1 - P(cell positive)); the
	 * positive mass is shared among positive classes in proportion to their mean probability.
	 */
	NOISY_OR;

	/**
	 * The field's class probabilities from its cells' ({@code prior} when there is no cell).
	 *
	 * @throws IllegalArgumentException if a cell probability is NaN or infinite: the sums would be NaN
	 *           and the field would silently get the prior
	 */
	public float[] aggregate(float[][] cells, float[] prior, boolean[] positive) {
		int k = prior.length;
		for (int i = 0; i < cells.length; i++)
			for (int j = 0; j < k; j++)
				if (!Float.isFinite(cells[i][j]))
					throw new IllegalArgumentException("cell " + (i + 1) + " of " + cells.length + " has probability " + cells[i][j] +
						" for class " + (j + 1) + ": not a number (a broken network or input?), the field cannot be aggregated");
		if (cells.length == 0) return prior.clone();
		double[] acc = new double[k];
		switch (this) {
			case MEAN_LOG -> {
				for (float[] c : cells)
					for (int j = 0; j < k; j++) acc[j] += Math.log(Math.max(c[j], 1e-6));
				double max = Double.NEGATIVE_INFINITY;
				for (int j = 0; j < k; j++) max = Math.max(max, acc[j] / cells.length);
				for (int j = 0; j < k; j++) acc[j] = Math.exp(acc[j] / cells.length - max);
			}
			case MEAN_PROB -> {
				for (float[] c : cells)
					for (int j = 0; j < k; j++) acc[j] += c[j];
			}
			case NOISY_OR -> {
				double notPos = 1;
				double[] mean = new double[k];
				for (float[] c : cells) {
					double p = 0;
					for (int j = 0; j < k; j++) {
						mean[j] += c[j];
						if (positive[j]) p += c[j];
					}
					notPos *= 1 - Math.min(1, p);
				}
				double posMean = 0, negMean = 0;
				for (int j = 0; j < k; j++) if (positive[j]) posMean += mean[j]; else negMean += mean[j];
				for (int j = 0; j < k; j++) {
					if (positive[j]) acc[j] = posMean > 0 ? (1 - notPos) * mean[j] / posMean : 0;
					else acc[j] = negMean > 0 ? notPos * mean[j] / negMean : 0;
				}
			}
		}
		double sum = 0;
		for (double v : acc) sum += v;
		float[] out = new float[k];
		for (int j = 0; j < k; j++) out[j] = sum > 0 ? (float) (acc[j] / sum) : prior[j];
		return out;
	}
}
