package io.github.leukocnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.github.leukocnn.batch.BatchSetupException;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.report.SlideReport;
import io.github.leukocnn.segment.LeukocyteSegmenter;

/** {@code leukocnn classify}: segment, classify every leukocyte, and report per cell, image and slide. */
public final class ClassifySubcommand implements Subcommand {

	/** Loads a classifier from a shipped model name or a model file. */
	@FunctionalInterface
	public interface ClassifierLoader {
		CellClassifier load(String nameOrPath) throws IOException;
	}

	/** Models used without --model: fields are screened for leukaemia, single cells typed. */
	public static final String DEFAULT_FIELD_MODEL = "all-screening", DEFAULT_SINGLE_CELL_MODEL = "leukocyte-types";

	private final Supplier<LeukocyteSegmenter> segmenters;
	private final ClassifierLoader classifiers;

	public ClassifySubcommand() {
		this(DefaultModels::segmenter, DefaultModels::classifier);
	}

	/** With other segmenters and models (tests, other methods). */
	public ClassifySubcommand(Supplier<LeukocyteSegmenter> segmenters, ClassifierLoader classifiers) {
		this.segmenters = segmenters;
		this.classifiers = classifiers;
	}

	@Override
	public String name() {
		return "classify";
	}

	@Override
	public String summary() {
		return "classify leukocytes with the CNN: cell types, blast %, leukaemia call per image and slide";
	}

	@Override
	public Set<String> flags() {
		return Set.of("single-cell", "recursive", "overwrite");
	}

	@Override
	public String usage() {
		return String.join("\n",
			"usage: leukocnn classify --input FILE|DIR --output DIR [--model NAME|FILE] [--cell-diameter PX]",
			"                         [--single-cell] [--recursive] [--overwrite] [--threads N]",
			"",
			"  --input FILE|DIR     an RGB smear image (JPEG, PNG, BMP, GIF, TIFF) or a folder of them",
			"  --output DIR         folder for the results (created if needed)",
			"  --model NAME|FILE    a shipped model (" + DEFAULT_FIELD_MODEL + ", " + DEFAULT_SINGLE_CELL_MODEL + ") or a model file;",
			"                       default " + DEFAULT_FIELD_MODEL + ", with --single-cell " + DEFAULT_SINGLE_CELL_MODEL,
			"  --cell-diameter PX   expected leukocyte diameter in pixels (default 0: estimated per image)",
			"  --single-cell        each image shows one centred cell (e.g. CellaVision crops): no segmentation",
			"  --recursive          include images in subfolders of DIR",
			"  --overwrite          replace results of an earlier run (otherwise they are left alone)",
			"  --threads N          worker threads (default: all cores)",
			"",
			"Output folder:",
			"  " + ClassifyBatch.CELLS_CSV + "    one row per cell: image, cell_id, bbox, class, p_<class>..., morphometry",
			"  " + ClassifyBatch.IMAGES_CSV + "   one row per image: image (path below --input), cell_count, count_<class>...,",
			"                blast_percent, blast_ci_low, blast_ci_high (Wilson 95%), call, leukaemia (positive/negative),",
			"                p_<class>... (field-level probabilities)",
			"  " + ClassifyBatch.SLIDE_CSV + "    all images together: pooled counts and blast %, call by the rule",
			"                '" + SlideReport.RULE + "'",
			"  NAME" + ClassifyBatch.ROI_SUFFIX + "  ImageJ ROI set, one outline per cell named \"class p\" (e.g. \"pre 0.97\")",
			"  NAME" + ClassifyBatch.PNG_SUFFIX + "        the image with outlines coloured by class and labels",
			"  failures.csv   images that could not be analysed (also reported on stderr; the others go on)",
			"A blast is a cell whose most probable class is one of the model's positive classes. Existing tables stop the",
			"run unless --overwrite; an image whose own outputs exist fails, untouched.",
			"Exit code: 0 all images classified, 1 some failed (or nothing could start), 2 usage error.",
			"Screening aid for research use, not a diagnosis.");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path input = args.path("input");
		Path output = args.path("output");
		boolean singleCell = args.flag("single-cell");
		String model = args.string("model", singleCell ? DEFAULT_SINGLE_CELL_MODEL : DEFAULT_FIELD_MODEL);
		double diameter = args.cellDiameter();
		int threads = args.threads();
		boolean recursive = args.flag("recursive");
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();
		if (singleCell && diameter > 0)
			throw new Arguments.UsageException("--cell-diameter has no effect with --single-cell (nothing is segmented)");

		CellClassifier classifier;
		try {
			classifier = classifiers.load(model);
		}
		catch (IOException e) {
			err.println("leukocnn classify: model " + model + ": " + e.getMessage());
			return 1;
		}
		ClassifyBatch.Result result;
		try {
			result = ClassifyBatch.run(segmenters, classifier,
				new ClassifyBatch.Options(input, output, diameter, threads, recursive, overwrite, singleCell), null, out, err);
		}
		catch (BatchSetupException e) {
			err.println("leukocnn classify: " + e.getMessage());
			return 1;
		}
		out.println(result.summary().describe());
		SlideReport s = result.slide();
		if (s != null && !s.hasCall())
			out.printf(Locale.ROOT, "all images: no leukocytes found, no call; tables in %s%n", output);
		else if (s != null && s.positiveClasses().isEmpty())
			out.printf(Locale.ROOT, "all images: %d cell(s), call %s; tables in %s%n", s.cellCount(), s.describeCall(), output);
		else if (s != null)
			out.printf(Locale.ROOT, "all images: %d cell(s), blasts %.1f%% [95%% CI %.1f-%.1f], call %s, leukaemia %s; tables in %s%n",
				s.cellCount(), 100 * s.blastFraction().estimate(), 100 * s.blastFraction().low(), 100 * s.blastFraction().high(),
				s.describeCall(), s.leukaemiaCall(), output);
		return result.summary().exitCode();
	}
}
