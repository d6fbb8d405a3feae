package io.github.leukocnn.segment.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One-to-one greedy matching of detected to true boxes, highest IoU first, at a minimum IoU. */
public final class BoxMatching {

	public record Counts(int truePositives, int falsePositives, int falseNegatives) {

		public Counts plus(Counts o) {
			return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
				falseNegatives + o.falseNegatives);
		}

		public double precision() {
			return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
		}

		public double recall() {
			return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
		}

		public double f1() {
			int d = 2 * truePositives + falsePositives + falseNegatives;
			return d == 0 ? 1 : 2.0 * truePositives / d;
		}
	}

	private BoxMatching() {}

	public static Counts match(List<VocBoxes.Box> detected, List<VocBoxes.Box> truth, double minIou) {
		record Pair(int d, int t, double iou) {}
		List<Pair> pairs = new ArrayList<>();
		for (int i = 0; i < detected.size(); i++)
			for (int j = 0; j < truth.size(); j++) {
				double iou = detected.get(i).iou(truth.get(j));
				if (iou >= minIou) pairs.add(new Pair(i, j, iou));
			}
		pairs.sort(Comparator.comparingDouble(Pair::iou).reversed().thenComparingInt(Pair::d).thenComparingInt(Pair::t));
		boolean[] usedD = new boolean[detected.size()], usedT = new boolean[truth.size()];
		int tp = 0;
		for (Pair p : pairs) {
			if (usedD[p.d] || usedT[p.t]) continue;
			usedD[p.d] = usedT[p.t] = true;
			tp++;
		}
		return new Counts(tp, detected.size() - tp, truth.size() - tp);
	}
}
