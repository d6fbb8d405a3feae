package io.github.leukocnn.segment;

import java.nio.file.Path;
import java.util.List;

import io.github.leukocnn.segment.eval.BccdEvaluation;
import io.github.leukocnn.segment.eval.ImageScore;
import io.github.leukocnn.segment.eval.WbcMasksEvaluation;

/** Developer tool: full per-image listing of the evaluation (java SegDev DATA [bccd|wbc|all]). */
public final class SegDev {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		String what = args.length > 1 ? args[1] : "all";
		SegmentationSettings s = new SegmentationSettings(0, 1, null);
		if (!what.equals("bccd")) {
			WbcMasksEvaluation.Result r = WbcMasksEvaluation.evaluate(data.resolve("wbc-masks"), 1, new SmearSegmenter(), s, 2);
			System.out.printf("wbc %.4f %.4f%n", r.meanCellDice(), r.meanNucleusDice());
			for (int i = 0; i < r.cellDice().size(); i++)
				System.out.printf("W %s %.4f %.4f %s%n", r.cellDice().get(i).name(), r.cellDice().get(i).score(),
					r.nucleusDice().get(i).score(), r.cellDice().get(i).detail());
		}
		if (!what.equals("wbc")) {
			BccdEvaluation.Result r = BccdEvaluation.evaluate(data.resolve("bccd"), 1, new SmearSegmenter(), s, 2);
			System.out.printf("bccd %.4f TP %d FP %d FN %d%n", r.counts().f1(), r.counts().truePositives(),
				r.counts().falsePositives(), r.counts().falseNegatives());
			for (ImageScore x : r.perImage())
				if (x.score() < 1) System.out.println("B " + x.name() + " " + x.detail());
		}
		System.exit(0);
	}
}
