package io.github.leukocnn.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import ij.gui.Roi;
import ij.process.ColorProcessor;
import io.github.leukocnn.batch.BatchItem;
import io.github.leukocnn.batch.BatchRunner;
import io.github.leukocnn.batch.BatchSetupException;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.PngWriter;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * The core of the {@code classify} command: segment each image of a file or folder, classify its
 * cells, and report per cell, per image and for all images together.
 *
 * <p>Output folder:
 * <ul>
 * <li>{@value #CELLS_CSV}, {@value #IMAGES_CSV}, {@value #SLIDE_CSV}: the tables of
 * {@link ReportTables}, over the images that succeeded, in batch order;</li>
 * <li>per image NAME{@value #ROI_SUFFIX} (ROI set, names "class p") and NAME{@value #PNG_SUFFIX}
 * (outlines coloured by class, labelled);</li>
 * <li>{@value BatchRunner#FAILURES_CSV}: images that could not be analysed, with the reason.</li>
 * </ul>
 * Nothing existing is replaced without {@code overwrite}: the tables are checked before any work
 * (the run stops), an image whose own outputs exist fails and the batch goes on.
 */
public final class ClassifyBatch {

	public static final String CELLS_CSV = "cells.csv", IMAGES_CSV = "images.csv", SLIDE_CSV = "slide.csv";
	public static final String ROI_SUFFIX = "_classified_RoiSet.zip", PNG_SUFFIX = "_classified.png";
	public static final List<String> SUFFIXES = List.of(ROI_SUFFIX, PNG_SUFFIX);

	/**
	 * @param cellDiameter leukocyte diameter in pixels, 0 = estimate per image (ignored with singleCell)
	 * @param singleCell each image shows one centred cell: no segmentation, cell count 1
	 */
	public record Options(Path input, Path output, double cellDiameter, int threads, boolean recursive, boolean overwrite,
		boolean singleCell) {}

	/**
	 * @param summary what the batch did (failures, exit code)
	 * @param fields the reports of the images that succeeded, in batch order
	 * @param slide all of them together; null when no image succeeded
	 */
	public record Result(BatchRunner.Summary summary, List<FieldReport> fields, SlideReport slide) {}

	private record ImageResult(FieldReport report, int width, int height) {}

	private ClassifyBatch() {}

	/** The tables {@link #run} writes into {@code output}. */
	public static List<Path> tables(Path output) {
		return List.of(output.resolve(CELLS_CSV), output.resolve(IMAGES_CSV), output.resolve(SLIDE_CSV));
	}

	/**
	 * @param segmenters one segmenter per worker thread (segmenters need not be thread-safe); unused with singleCell
	 * @param classifier shared by all workers: must be thread-safe when {@code threads > 1}
	 * @param out one line per image (null: none)
	 * @param err one line per failed image (null: none)
	 * @throws BatchSetupException if the batch cannot start (no inputs, output not writable, tables in the way)
	 */
	public static Result run(Supplier<LeukocyteSegmenter> segmenters, CellClassifier classifier, Options options,
		ProgressListener progress, PrintStream out, PrintStream err) throws BatchSetupException, IOException
	{
		BatchRunner runner = new BatchRunner(options.input(), options.output()).recursive(options.recursive())
			.progress(progress).errors(err).outputSuffixes(SUFFIXES);
		List<BatchItem> items = runner.items();
		try {
			AtomicFiles.checkCanWrite(tables(options.output()), options.overwrite());
		}
		catch (AtomicFiles.OutputExistsException e) {
			throw new BatchSetupException(e.getMessage());
		}
		int parallelImages = Math.max(1, Math.min(options.threads(), items.size()));
		int threadsPerImage = Math.max(1, options.threads() / parallelImages);
		runner.threads(parallelImages);
		ThreadLocal<LeukocyteSegmenter> segmenter = options.singleCell() ? null : ThreadLocal.withInitial(segmenters);
		Map<String, ImageResult> results = new ConcurrentHashMap<>();
		BatchRunner.Summary summary = runner.run((item, itemProgress) -> {
			AtomicFiles.checkCanWrite(item.outputs(SUFFIXES), options.overwrite());
			ColorProcessor rgb = SmearImages.openRgb(item.file());
			Classified c = classify(slashes(item.relativePath()), rgb, options.singleCell() ? null : segmenter.get(), classifier,
				options.cellDiameter(), threadsPerImage, itemProgress.subRange(0, 0.9));
			FieldReport report = c.report();
			Segmentation s = c.segmentation();
			List<Roi> rois = FieldAnnotation.rois(report, s, rgb.getWidth(), rgb.getHeight());
			try (AtomicFiles.Group group = new AtomicFiles.Group(options.overwrite())) {
				RoiSets.write(group, item.output(ROI_SUFFIX), rois);
				PngWriter.write(group, item.output(PNG_SUFFIX), FieldAnnotation.render(rgb, rois, report));
				group.commit();
			}
			results.put(item.outputName(), new ImageResult(report, rgb.getWidth(), rgb.getHeight()));
			if (out != null) {
				synchronized (out) {
					out.println(describe(report));
				}
			}
		});
		List<ImageResult> done = new ArrayList<>();
		for (BatchItem item : summary.items()) {
			ImageResult r = results.get(item.outputName());
			if (r != null) done.add(r);
		}
		List<FieldReport> fields = done.stream().map(ImageResult::report).toList();
		SlideReport slide = fields.isEmpty() ? null : SlideReport.of(fields);
		writeTables(classifier, done, slide, options);
		return new Result(summary, fields, slide);
	}

	/**
	 * One line about a field for the console; blasts and leukaemia only for a model with positive
	 * classes (a cell-type model has none, and "0% blasts" would suggest a result it cannot give).
	 */
	public static String describe(FieldReport r) {
		if (!r.hasCall()) return r.image() + ": no leukocytes found, no call";
		String s = String.format(Locale.ROOT, "%s: %d cell(s), call %s", r.image(), r.cellCount(), r.describeCall());
		if (!r.callsLeukaemia()) return s;
		return s + String.format(Locale.ROOT, ", blasts %.1f%%, leukaemia %s", 100 * r.blastFraction().estimate(),
			r.leukaemiaCall());
	}

	/** The report of one image and the segmentation it came from (null in single-cell mode). */
	public record Classified(FieldReport report, Segmentation segmentation) {}

	/**
	 * Segments (unless {@code segmenter} is null: single-cell mode) and classifies one image.
	 *
	 * @param name the image's name in the report
	 */
	public static Classified classify(String name, ColorProcessor rgb, LeukocyteSegmenter segmenter, CellClassifier classifier,
		double cellDiameter, int threads, ProgressListener progress)
	{
		RandomAccessibleInterval<ARGBType> img = RgbImages.wrap(rgb);
		if (segmenter == null) {
			FieldReport report = FieldReport.singleCell(name, classifier.classifySingleCell(img), classifier);
			progress.progress(1, "classified");
			return new Classified(report, null);
		}
		Segmentation s = segmenter.segment(img, new SegmentationSettings(cellDiameter, threads, progress.subRange(0, 0.5)));
		float[][] p = classifier.classifyCells(img, s, progress.subRange(0.5, 1));
		return new Classified(FieldReport.of(name, s, p, classifier), s);
	}

	private static void writeTables(CellClassifier classifier, List<ImageResult> done, SlideReport slide, Options options)
		throws IOException
	{
		List<String> classes = classifier.classes();
		List<Object[]> cells = new ArrayList<>(), images = new ArrayList<>(), slides = new ArrayList<>();
		for (ImageResult r : done) {
			cells.addAll(ReportTables.cellRows(r.report(), r.width(), r.height()));
			images.add(ReportTables.imageRow(r.report()));
		}
		if (slide != null) slides.add(ReportTables.slideRow(slide));
		try (AtomicFiles.Group group = new AtomicFiles.Group(options.overwrite())) {
			csv(group, options.output().resolve(CELLS_CSV), ReportTables.cellHeader(classes), cells);
			csv(group, options.output().resolve(IMAGES_CSV), ReportTables.imageHeader(classes), images);
			csv(group, options.output().resolve(SLIDE_CSV), ReportTables.slideHeader(classes), slides);
			group.commit();
		}
	}

	private static void csv(AtomicFiles.Group group, Path target, List<String> header, List<Object[]> rows) throws IOException {
		EvaluationWriter.csv(group, target, header, rows);
	}

	/** A relative path with '/' separators on every platform, as it appears in the tables. */
	static String slashes(Path relative) {
		StringBuilder sb = new StringBuilder();
		for (Path part : relative) {
			if (sb.length() > 0) sb.append('/');
			sb.append(part);
		}
		return sb.toString();
	}
}
