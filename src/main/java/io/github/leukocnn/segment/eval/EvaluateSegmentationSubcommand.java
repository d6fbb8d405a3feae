package io.github.leukocnn.segment.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.github.leukocnn.cli.Arguments;
import io.github.leukocnn.cli.Subcommand;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.SmearSegmenter;

/** {@code leukocnn evaluate-segmentation}: Dice on wbc-masks and detection F1 on BCCD. */
public final class EvaluateSegmentationSubcommand implements Subcommand {

	private static final int WORST = 8;

	@Override
	public String name() {
		return "evaluate-segmentation";
	}

	@Override
	public String summary() {
		return "score the leukocyte segmenter: Dice on wbc-masks, detection F1 on BCCD";
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn evaluate-segmentation --data DIR [--dataset wbc-masks|bccd|all] [--threads N]
			                                      [--diameter PX] [--step K]
			  --data DIR      folder holding wbc-masks/ and/or bccd/ (e.g. ../shared/data)
			  --dataset NAME  wbc-masks, bccd or all (default all)
			  --threads N     images segmented in parallel (default: number of cores)
			  --diameter PX   expected leukocyte diameter; default 0 = estimate per image
			  --step K        use every K-th image only (default 1 = all)
			Prints the mean whole-cell and nucleus Dice (wbc-masks: all cell labels > 0 vs mask > 0,
			nucleus labels > 0 vs mask == 255), the detection F1 at IoU >= 0.5 (BCCD, WBC boxes,
			one-to-one greedy matching) and the worst images.""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path data = args.path("data");
		String dataset = args.string("dataset", "all");
		int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
		double diameter = args.number("diameter", 0);
		int step = args.integer("step", 1);
		args.rejectUnknown();
		if (!dataset.equals("all") && !dataset.equals("wbc-masks") && !dataset.equals("bccd"))
			throw new Arguments.UsageException("--dataset must be wbc-masks, bccd or all, got '" + dataset + "'");
		if (threads < 1) throw new Arguments.UsageException("--threads must be at least 1");
		if (step < 1) throw new Arguments.UsageException("--step must be at least 1");
		if (!Files.isDirectory(data)) throw new Arguments.UsageException("--data is not a folder: " + data);
		SmearSegmenter segmenter = new SmearSegmenter();
		SegmentationSettings settings = new SegmentationSettings(diameter, 1, null);
		boolean all = dataset.equals("all");
		if (all || dataset.equals("wbc-masks")) {
			WbcMasksEvaluation.Result r = WbcMasksEvaluation.evaluate(data.resolve("wbc-masks"), step, segmenter,
				settings, threads);
			out.printf(Locale.ROOT, "wbc-masks: %d images, mean whole-cell Dice %.4f, mean nucleus Dice %.4f, median %.1f ms/image%n",
				r.images(), r.meanCellDice(), r.meanNucleusDice(), r.medianMillis());
			printWorst(out, "whole-cell Dice", r.cellDice());
			printWorst(out, "nucleus Dice", r.nucleusDice());
		}
		if (all || dataset.equals("bccd")) {
			BccdEvaluation.Result r = BccdEvaluation.evaluate(data.resolve("bccd"), step, segmenter, settings, threads);
			out.printf(Locale.ROOT, "bccd: %d images, detection F1 %.4f (TP %d, FP %d, FN %d; precision %.4f, recall %.4f), median %.1f ms/image%n",
				r.images(), r.counts().f1(), r.counts().truePositives(), r.counts().falsePositives(),
				r.counts().falseNegatives(), r.counts().precision(), r.counts().recall(), r.medianMillis());
			printWorst(out, "detection F1", r.perImage());
		}
		return 0;
	}

	static void printWorst(PrintStream out, String what, List<ImageScore> scores) {
		List<ImageScore> sorted = new ArrayList<>(scores);
		sorted.sort(Comparator.comparingDouble(ImageScore::score).thenComparing(ImageScore::name));
		out.println("  worst " + what + ":");
		for (int i = 0; i < Math.min(WORST, sorted.size()); i++) {
			ImageScore s = sorted.get(i);
			if (s.score() >= 1) break;
			out.printf(Locale.ROOT, "    %-22s %.4f  %s%n", s.name(), s.score(), s.detail());
		}
	}
}
