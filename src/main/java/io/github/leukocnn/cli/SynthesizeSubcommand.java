package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.github.leukocnn.batch.BatchRunner;
import io.github.leukocnn.synth.SmearSynthesizer;
import io.github.leukocnn.synth.SyntheticField;
import io.github.leukocnn.synth.SyntheticFieldWriter;

/** {@code leukocnn synthesize}: reproducible synthetic smear fields with ground truth. */
public final class SynthesizeSubcommand implements Subcommand {

	@Override
	public String name() {
		return "synthesize";
	}

	@Override
	public String summary() {
		return "generate synthetic smear fields with ground-truth labels (for demos and tests)";
	}

	@Override
	public Set<String> flags() {
		return Set.of("overwrite");
	}

	@Override
	public String usage() {
		return String.join("\n",
			"usage: leukocnn synthesize --output DIR --count N --seed S [--width W] [--height H] [--cell-diameter PX] [--format png|jpg] [--overwrite]",
			"",
			"  --output DIR        folder for the fields (created if needed)",
			"  --count N           number of fields; field i (0-based) uses seed S+i",
			"  --seed S            seed of the first field: the same seed always gives the same pixels",
			"  --width W           default 1024",
			"  --height H          default 768",
			"  --cell-diameter PX  nominal leukocyte diameter, default 90 (red cells are 0.66 of it)",
			"  --format png|jpg    smear image format, default png (lossless); jpg is about 10x smaller",
			"  --overwrite         replace existing files",
			"",
			"Writes DIR/smear-sSEED.png (or .jpg) and, in DIR/ground-truth/, smear-sSEED_cells.png and _nuclei.png",
			"(16-bit labels, 0 = background, same ids) and smear-sSEED_truth.csv (class of each cell id).");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path output = args.path("output");
		int count = args.integer("count", -1);
		if (count < 0) args.required("count");
		long seed = parseSeed(args.required("seed"));
		int width = args.integer("width", 1024), height = args.integer("height", 768);
		double diameter = args.number("cell-diameter", 90);
		String formatName = args.string("format", "png");
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();
		SyntheticFieldWriter.Format format = switch (formatName.toLowerCase(Locale.ROOT)) {
			case "png" -> SyntheticFieldWriter.Format.PNG;
			case "jpg", "jpeg" -> SyntheticFieldWriter.Format.JPEG;
			default -> throw new Arguments.UsageException("--format must be png or jpg, got '" + formatName + "'");
		};
		if (count < 1) throw new Arguments.UsageException("--count must be at least 1, got " + count);
		SmearSynthesizer.Settings settings;
		try {
			settings = new SmearSynthesizer.Settings(width, height, diameter, seed);
		}
		catch (IllegalArgumentException e) {
			throw new Arguments.UsageException(e.getMessage());
		}
		BatchRunner.prepareOutputFolder(output);
		int failed = 0;
		for (int i = 0; i < count; i++) {
			SmearSynthesizer.Settings s = settings.withSeed(seed + i);
			String name = "smear-s" + s.seed();
			try {
				SyntheticField field = SmearSynthesizer.generate(s);
				SyntheticFieldWriter.write(field, output, name, format, overwrite);
				out.printf(Locale.ROOT, "%s.%s: %dx%d, %d leukocytes%n", name, format.extension, width, height, field.truth().size());
			}
			catch (java.io.IOException e) {
				err.println("FAILED " + name + ": " + e.getMessage());
				failed++;
			}
		}
		return failed == 0 ? 0 : 1;
	}

	private static long parseSeed(String s) {
		try {
			return Long.parseLong(s);
		}
		catch (NumberFormatException e) {
			throw new Arguments.UsageException("--seed takes a whole number, got '" + s + "'");
		}
	}
}
