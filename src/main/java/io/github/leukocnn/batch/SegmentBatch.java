package io.github.leukocnn.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.SegmentationWriter;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;

/**
 * Segments every image of a file or folder and writes, per image, the files of
 * {@link SegmentationWriter}. The core of the {@code segment} command: open ({@link SmearImages}),
 * segment, write; one failing image is reported and the others go on ({@link BatchRunner}). Images
 * whose segmentation in one piece would not fit into memory are segmented in tiles
 * ({@link TiledSegmenter}); only those whose pixels and labels alone do not fit are refused.
 */
public final class SegmentBatch {

	/**
	 * @param cellDiameter leukocyte diameter in pixels, 0 = estimate per image
	 * @param threads worker threads: spread over images first (one image each), the rest inside the segmentation
	 */
	public record Options(Path input, Path output, double cellDiameter, int threads, boolean recursive, boolean overwrite) {}

	private SegmentBatch() {}

	/**
	 * @param segmenters makes one segmenter per worker thread (segmenters need not be thread-safe)
	 * @param out receives one line per segmented image (null: none)
	 * @param err receives one line per failed image (null: none)
	 */
	public static BatchRunner.Summary run(Supplier<LeukocyteSegmenter> segmenters, Options options, ProgressListener progress,
		PrintStream out, PrintStream err) throws BatchSetupException
	{
		BatchRunner runner = new BatchRunner(options.input(), options.output()).recursive(options.recursive())
			.progress(progress).errors(err).outputSuffixes(SegmentationWriter.SUFFIXES);
		int images = runner.items().size();
		int parallelImages = Math.max(1, Math.min(options.threads(), images));
		int threadsPerImage = Math.max(1, options.threads() / parallelImages);
		runner.threads(parallelImages);
		// large images (whole slides) are segmented in tiles rather than refused
		ThreadLocal<LeukocyteSegmenter> segmenter = ThreadLocal.withInitial(() -> new TiledSegmenter(segmenters.get()));
		return runner.run((item, itemProgress) -> {
			// refuse before the (long) segmentation, so nothing of this image is half old, half new
			AtomicFiles.checkCanWrite(item.outputs(SegmentationWriter.SUFFIXES), options.overwrite());
			ColorProcessor rgb = SmearImages.openRgb(item.file(), TiledSegmenter.BYTES_PER_PIXEL);
			SegmentationSettings settings = new SegmentationSettings(options.cellDiameter(), threadsPerImage, itemProgress);
			Segmentation s = segmenter.get().segment(RgbImages.wrap(rgb), settings);
			SegmentationWriter.write(s, item.outputFolder(), item.outputName(), options.overwrite());
			if (out != null) {
				synchronized (out) {
					out.printf(Locale.ROOT, "%s: %d cell(s), cell diameter %.0f px -> %s%n", item.relativePath(), s.cellCount(),
						s.cellDiameter(), item.output("_*"));
				}
			}
		});
	}
}
