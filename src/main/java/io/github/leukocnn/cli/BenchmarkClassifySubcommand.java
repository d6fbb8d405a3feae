package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.leukocnn.cnn.ClassifyBenchmark;
import io.github.leukocnn.cnn.CnnCellClassifier;
import io.github.leukocnn.cnn.ModelFile;

/** {@code leukocnn benchmark-classify}: cells/s of the models, ms per 2592×1944 field, peak heap. */
public final class BenchmarkClassifySubcommand implements Subcommand {

	@Override
	public String name() {
		return "benchmark-classify";
	}

	@Override
	public String summary() {
		return "measure classification speed (cells/s, ms per field) and peak heap of the models";
	}

	@Override
	public java.util.Set<String> flags() {
		return java.util.Set.of("compare-dl4j");
	}

	@Override
	public String usage() {
		return """
			usage: leukocnn benchmark-classify [options]
			  --models A,B        model names or files (default: all-screening,leukocyte-types)
			  --image FILE        field to time (default: a synthetic 2592x1944 field)
			  --cell-diameter PX  leukocyte diameter in the field (default 120)
			  --seconds S         time per cells/s measurement (default 10)
			  --batch N           batch size (default 64); --fields N fields to time (default 3)
			  --compare-dl4j      also time the plain DL4J network in the same JVM, alternating
			  --repeat N          cells/s measurements per model (default 1; with --compare-dl4j: pairs)""";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		List<String> models = args.models();
		String image = args.string("image", null);
		double diameter = args.number("cell-diameter", 120);
		double seconds = args.number("seconds", 10);
		int batch = args.integer("batch", 64), fields = args.integer("fields", 3), repeat = args.integer("repeat", 1);
		boolean compare = args.flag("compare-dl4j");
		args.rejectUnknown();
		if (repeat < 1) throw new Arguments.UsageException("--repeat must be at least 1, got " + repeat);
		ColorProcessor cp;
		if (image != null) {
			ImagePlus imp = IJ.openImage(image);
			if (imp == null) throw new IllegalArgumentException("cannot read image " + image);
			cp = (ColorProcessor) imp.getProcessor().convertToRGB();
		}
		else cp = ClassifyBenchmark.syntheticField(2592, 1944, diameter, 7);
		out.printf(Locale.ROOT, "threads %d, field %dx%d%s%n", Runtime.getRuntime().availableProcessors(), cp.getWidth(), cp.getHeight(),
			image == null ? " (synthetic)" : " " + image);
		for (String m : models) {
			ModelFile.Model model = ModelFile.load(m);
			CnnCellClassifier clf = new CnnCellClassifier(model, batch);
			CnnCellClassifier dl4j = compare ? new CnnCellClassifier(model, batch, false) : null;
			for (int r = 0; r < repeat; r++) {
				double cps = ClassifyBenchmark.cellsPerSecond(clf, (int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(), seconds);
				out.printf(Locale.ROOT, "%s: %.0f cells/s (batch %d, crop %dpx, %s)%n", clf.card().name(), cps, batch, clf.card().cropSize(),
					clf.usesInferenceCopy() ? "inference copy" : "DL4J network");
				if (dl4j != null) {
					double base = ClassifyBenchmark.cellsPerSecond(dl4j, (int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(), seconds);
					out.printf(Locale.ROOT, "%s: %.0f cells/s with the plain DL4J network (ratio %.2f)%n", clf.card().name(), base, cps / base);
				}
			}
			try {
				var seg = io.github.leukocnn.segment.Segmenters.standard();
				ClassifyBenchmark.field(clf, seg, cp, diameter); // warm-up
				double sum = 0, segSum = 0;
				int cells = 0;
				for (int i = 0; i < fields; i++) {
					var t = ClassifyBenchmark.field(clf, seg, cp, diameter);
					sum += t.segmentMs() + t.classifyMs();
					segSum += t.segmentMs();
					cells = t.cells();
				}
				out.printf(Locale.ROOT, "%s: %.0f ms per field (segment %.0f ms + classify %.0f ms, %d cells)%n", clf.card().name(), sum / fields,
					segSum / fields, (sum - segSum) / fields, cells);
			}
			catch (UnsupportedOperationException | IllegalStateException e) {
				out.println("field timing skipped: " + e.getMessage());
			}
		}
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		out.printf(Locale.ROOT, "peak heap %.0f MB%n", peak / 1048576.0);
		return 0;
	}
}
