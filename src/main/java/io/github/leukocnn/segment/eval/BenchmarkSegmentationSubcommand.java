package io.github.leukocnn.segment.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.process.ColorProcessor;
import io.github.leukocnn.cli.Arguments;
import io.github.leukocnn.cli.Subcommand;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.SmearSegmenter;

/**
 * {@code leukocnn benchmark-segmentation}: speed and quality of {@link SmearSegmenter} against the
 * {@link ClassicPipeline}, in one JVM after warm-up.
 */
public final class BenchmarkSegmentationSubcommand implements Subcommand {

	@Override
	public String name() {
		return "benchmark-segmentation";
	}

	@Override
	public String summary() {
		return "time the leukocyte segmenter against a classic ImageJ 1 pipeline, with their Dice/F1";
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn benchmark-segmentation --data DIR [--threads N] [--fields K] [--skip-quality]
			  --data DIR       folder holding bccd/, all-taleqani/ and wbc-masks/ (e.g. ../shared/data)
			  --threads N      threads for the multithreaded runs (default: number of cores)
			  --fields K       fields per timing set (default 60)
			  --skip-quality   only time, do not compute Dice / F1
			Prints the median ms per field of ours (1 thread and N threads, given and estimated
			diameter) and of the classic pipeline (threshold + fill holes + EDM watershed + particle
			analyzer, given diameter), their ratio, on BCCD 640x480, all-taleqani 224x224 and a tiled
			2592x1944 field; then whole-cell/nucleus Dice on wbc-masks and F1 on BCCD of both.""";
	}

	@Override
	public Set<String> flags() {
		return Set.of("skip-quality");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path data = args.path("data");
		int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
		int fields = args.integer("fields", 60);
		boolean skipQuality = args.flag("skip-quality");
		args.rejectUnknown();
		if (threads < 1 || fields < 1) throw new Arguments.UsageException("--threads and --fields must be at least 1");
		Path bccd = data.resolve("bccd/images"), taleqani = data.resolve("all-taleqani");
		if (!Files.isDirectory(bccd) || !Files.isDirectory(taleqani))
			throw new Arguments.UsageException("--data must hold bccd/images and all-taleqani: " + data);

		List<ColorProcessor> bccdFields = SegmentationBenchmark.load(bccd, ".jpg", Math.max(1, 364 / fields), fields);
		List<ColorProcessor> taleqaniFields = SegmentationBenchmark.load(taleqani, ".jpg", Math.max(1, 2277 / fields), fields);
		List<ColorProcessor> big = List.of(SegmentationBenchmark.tiled(bccdFields.subList(0, Math.min(20, bccdFields.size())), 2592, 1944));
		LeukocyteSegmenter ours = new SmearSegmenter(), classic = new ClassicPipeline();

		out.println("median ms per field (warm JVM); classic = threshold + fill holes + EDM watershed + particle analyzer");
		out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s%n", "set", "ours 1t", "ours " + threads + "t", "ours est", "classic", "cl/ours", "cl/ours1t");
		time(out, "bccd 640x480", bccdFields, 150, threads, ours, classic, 2, 3);
		time(out, "taleqani 224x224", taleqaniFields, 35, threads, ours, classic, 2, 3);
		time(out, "tiled 2592x1944", big, 150, threads, ours, classic, 2, 5);

		if (!skipQuality) {
			out.println("quality (diameter estimated per image for both):");
			for (var e : List.of(java.util.Map.entry("ours", ours), java.util.Map.entry("classic", classic))) {
				SegmentationSettings s = new SegmentationSettings(0, 1, null);
				WbcMasksEvaluation.Result w = WbcMasksEvaluation.evaluate(data.resolve("wbc-masks"), 1, e.getValue(), s, threads);
				BccdEvaluation.Result b = BccdEvaluation.evaluate(data.resolve("bccd"), 1, e.getValue(), s, threads);
				out.printf(Locale.ROOT, "  %-8s wbc-masks whole-cell Dice %.4f, nucleus Dice %.4f (%d images); bccd F1 %.4f (TP %d FP %d FN %d)%n",
					e.getKey(), w.meanCellDice(), w.meanNucleusDice(), w.images(), b.counts().f1(),
					b.counts().truePositives(), b.counts().falsePositives(), b.counts().falseNegatives());
			}
		}
		return 0;
	}

	private static void time(PrintStream out, String name, List<ColorProcessor> images, double diameter, int threads,
		LeukocyteSegmenter ours, LeukocyteSegmenter classic, int warmup, int rounds)
	{
		SegmentationSettings given1 = new SegmentationSettings(diameter, 1, null);
		double one = SegmentationBenchmark.medianMillis(ours, given1, images, warmup, rounds);
		double many = SegmentationBenchmark.medianMillis(ours, given1.withThreads(threads), images, warmup, rounds);
		double est = SegmentationBenchmark.medianMillis(ours, new SegmentationSettings(0, 1, null), images, warmup, rounds);
		double cl = SegmentationBenchmark.medianMillis(classic, given1, images, warmup, rounds);
		out.printf(Locale.ROOT, "%-22s %9.1f %9.1f %9.1f %9.1f %9.2f %9.2f%n", name + " (" + images.size() + ")", one, many, est, cl,
			cl / Math.min(one, many), cl / one);
	}
}
