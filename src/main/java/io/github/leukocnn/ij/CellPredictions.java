package io.github.leukocnn.ij;

import java.util.List;

/**
 * Class probabilities of the cells of one segmentation, as a {@code CellClassifier} gives them:
 * {@code probabilities[cell][class]} with classes in the order of {@code classes}.
 */
public record CellPredictions(List<String> classes, float[][] probabilities) {

	public CellPredictions {
		classes = List.copyOf(classes);
		for (float[] p : probabilities)
			if (p.length != classes.size())
				throw new IllegalArgumentException("a cell has " + p.length + " probabilities for " + classes.size() + " classes");
	}

	public int cellCount() {
		return probabilities.length;
	}

	/** Index of the most probable class of cell {@code i}; the first one on ties (deterministic). */
	public int predictedIndex(int i) {
		float[] p = probabilities[i];
		int best = 0;
		for (int c = 1; c < p.length; c++)
			if (p[c] > p[best]) best = c;
		return best;
	}

	public String predictedClass(int i) {
		return classes.get(predictedIndex(i));
	}

	public double probability(int i) {
		return probabilities[i][predictedIndex(i)];
	}
}
