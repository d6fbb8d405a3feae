package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

import io.github.leukocnn.batch.BatchRunner;
import io.github.leukocnn.batch.BatchSetupException;
import io.github.leukocnn.batch.SegmentBatch;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmenters;

/** {@code leukocnn segment}: leukocyte label images, measurements and ROI sets for a file or folder. */
public final class SegmentSubcommand implements Subcommand {

	private final Supplier<LeukocyteSegmenter> segmenters;

	public SegmentSubcommand() {
		this(Segmenters::standard);
	}

	/** With another segmenter (tests, other methods). */
	public SegmentSubcommand(Supplier<LeukocyteSegmenter> segmenters) {
		this.segmenters = segmenters;
	}

	@Override
	public String name() {
		return "segment";
	}

	@Override
	public String summary() {
		return "find leukocytes and their nuclei: label images, measurements, ROI sets";
	}

	@Override
	public Set<String> flags() {
		return Set.of("recursive", "overwrite");
	}

	@Override
	public String usage() {
		return String.join("\n",
			"usage: leukocnn segment --input FILE|DIR --output DIR [--cell-diameter PX] [--threads N] [--recursive] [--overwrite]",
			"",
			"  --input FILE|DIR     an RGB smear image (JPEG, PNG, BMP, GIF, TIFF) or a folder of them",
			"  --output DIR         folder for the results (created if needed)",
			"  --cell-diameter PX   expected leukocyte diameter in pixels (default 0: estimated per image)",
			"  --threads N          worker threads (default: all cores); several images are processed at once",
			"  --recursive          include images in subfolders of DIR",
			"  --overwrite          replace results of an earlier run (otherwise such images fail, untouched)",
			"",
			"For each input NAME.ext the output folder receives:",
			"  NAME_cells.tif    16-bit leukocyte labels (0 = background, 1..n)",
			"  NAME_nuclei.tif   16-bit nucleus labels, same ids",
			"  NAME_cells.csv    one row per cell: " + String.join(",", io.github.leukocnn.segment.CellMeasurements.COLUMNS),
			"  NAME_RoiSet.zip   ImageJ ROI Manager set, one outline per cell (cell-0001, …)",
			"In recursive mode NAME is the path below DIR with '_' for '/' (sub/dir/a.jpg -> sub_dir_a); names that",
			"would clash keep their extension (a.jpg, a.png -> a_jpg, a_png).",
			"A file that cannot be analysed is reported on stderr and in DIR/failures.csv (replaced every run);",
			"the others go on. Exit code: 0 all images segmented, 1 some failed, 2 usage error.");
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		Path input = args.path("input");
		Path output = args.path("output");
		double diameter = args.cellDiameter();
		int threads = args.threads();
		boolean recursive = args.flag("recursive");
		boolean overwrite = args.flag("overwrite");
		args.rejectUnknown();

		BatchRunner.Summary summary;
		try {
			summary = SegmentBatch.run(segmenters, new SegmentBatch.Options(input, output, diameter, threads, recursive, overwrite),
				null, out, err);
		}
		catch (BatchSetupException e) {
			err.println("leukocnn segment: " + e.getMessage());
			return 1;
		}
		out.println(summary.describe());
		return summary.exitCode();
	}
}
