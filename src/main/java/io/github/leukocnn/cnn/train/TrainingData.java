package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.cnn.CnnCellClassifier;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.CropSpec;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;

/**
 * A decoded training set: class names, the labelled images with their cells as context crops, and
 * the files that could not be used. Loads the three kinds of source of the {@code train} command.
 */
public record TrainingData(List<String> classes, List<TrainingItem> items, List<String> failures) {

	/**
	 * This set with its labels in terms of {@code classes}, which must include every class of this
	 * set (e.g. the classes of a model training continues from; some may have no images here).
	 *
	 * @param whose what {@code classes} are, for the message naming a class they lack
	 */
	public TrainingData relabelled(List<String> classes, String whose) {
		int[] to = new int[this.classes.size()];
		for (int c = 0; c < to.length; c++) {
			to[c] = classes.indexOf(this.classes.get(c));
			if (to[c] < 0) throw new IllegalArgumentException("class '" + this.classes.get(c) + "' is not one of the " + whose + ": " +
				classes);
		}
		List<TrainingItem> relabelled = new ArrayList<>(items.size());
		for (TrainingItem i : items) relabelled.add(new TrainingItem(i.file(), to[i.label()], i.order(), i.cells()));
		return new TrainingData(List.copyOf(classes), relabelled, failures);
	}

	/** Context crop side / network crop side: room for rotation and scale jitter. */
	public static final double CONTEXT = 1.5;
	static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

	public int contextSize(CropSpec spec) {
		return contextSize(spec.size());
	}

	public static int contextSize(int cropSize) {
		return (int) Math.round(cropSize * CONTEXT);
	}

	/** How to find cells in one labelled image. */
	public enum Kind {
		/** (a) folder per class of single-cell images (PBC): the image is one centred cell. */
		SINGLE_CELL,
		/** (c) folder per field label of whole fields: segment, every cell inherits the field's label. */
		FIELDS
	}

	/**
	 * Loads a folder-per-class data set.
	 *
	 * @param card gives the crop rule (crop size, cell fraction, single-cell rule)
	 * @param segmenter used for {@link Kind#FIELDS}
	 * @param cellDiameter for {@link Kind#FIELDS}: the leukocyte diameter in pixels (0 = estimate per field)
	 */
	public static TrainingData load(Path root, Kind kind, ModelCard card, LeukocyteSegmenter segmenter, double cellDiameter,
		int threads, ProgressListener progress) throws IOException
	{
		return load(root, kind, card, segmenter, cellDiameter, threads, progress, 2);
	}

	/** As above, with at least {@code minClasses} class folders (1 for extra cells added to another set). */
	static TrainingData load(Path root, Kind kind, ModelCard card, LeukocyteSegmenter segmenter, double cellDiameter,
		int threads, ProgressListener progress, int minClasses) throws IOException
	{
		if (!Files.isDirectory(root)) throw new IOException("training folder " + root + " does not exist or is not a folder");
		List<Path> classDirs;
		try (Stream<Path> s = Files.list(root)) {
			classDirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
		}
		if (classDirs.size() < minClasses) throw new IOException("training folder " + root + " must hold one sub-folder per class (at least " +
			minClasses + "), found " + classDirs.size());
		List<String> classes = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		for (Path dir : classDirs) {
			List<Path> images;
			try (Stream<Path> s = Files.list(dir)) {
				images = s.filter(TrainingData::isImage).sorted(Comparator.comparingLong(TrainingData::order)
					.thenComparing(p -> p.getFileName().toString())).toList();
			}
			if (images.isEmpty()) throw new IOException("class folder " + dir + " holds no images (" + String.join(", ", io.github.leukocnn.io.SmearImages.EXTENSIONS) + ")");
			if (images.size() < 5) throw new IOException("class '" + dir.getFileName() + "' has only " + images.size() +
				" image(s): at least 5 are needed to split it into training, validation and test blocks");
			for (Path p : images) {
				files.add(p);
				labels.add(classes.size());
			}
			classes.add(dir.getFileName().toString());
		}
		if (card.classes() != null && !card.classes().isEmpty() && !card.classes().equals(classes))
			throw new IOException("class folders " + classes + " differ from the expected classes " + card.classes());
		CropSpec spec = card.cropSpec();
		int ctx = contextSize(spec.size());
		TrainingItem[] items = new TrainingItem[files.size()];
		String[] failed = new String[files.size()];
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < files.size(); i++) {
				int idx = i;
				futures.add(pool.submit(() -> {
					if (progress.isCancelled()) return;
					Path f = files.get(idx);
					try {
						ColorProcessor cp = open(f);
						List<int[]> cells = kind == Kind.SINGLE_CELL ? List.of(singleCellContext(cp, card, ctx))
							: fieldContexts(cp, spec, card.fieldScaleRule(), ctx, segmenter, cellDiameter);
						items[idx] = new TrainingItem(f.toString(), labels.get(idx), order(f), cells);
					}
					catch (Exception e) {
						String m = e.getMessage() == null ? e.toString() : e.getMessage();
						failed[idx] = m.contains(f.toString()) ? m : f + ": " + m;
					}
					int d = done.incrementAndGet();
					if (d % 20 == 0) progress.progress((double) d / files.size(), "decoded " + d + "/" + files.size() + " images");
				}));
			}
			for (Future<?> f : futures) f.get();
		}
		catch (Exception e) {
			throw new IOException("loading " + root + " failed: " + e.getMessage(), e);
		}
		finally {
			pool.shutdownNow();
		}
		progress.checkCancelled();
		List<TrainingItem> ok = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < items.length; i++) {
			if (items[i] != null) ok.add(items[i]);
			else failures.add(failed[i] != null ? failed[i] : files.get(i) + ": not processed");
		}
		return new TrainingData(List.copyOf(classes), ok, failures);
	}

	static ColorProcessor open(Path f) throws IOException {
		return io.github.leukocnn.io.SmearImages.openRgb(f);
	}

	static int[] singleCellContext(ColorProcessor cp, ModelCard card, int ctx) {
		int[] px = (int[]) cp.getPixels();
		int w = cp.getWidth(), h = cp.getHeight();
		double d = CnnCellClassifier.singleCellDiameter(px, w, h, card);
		float[] buf = new float[3 * ctx * ctx];
		CellCropper.crop(px, w, h, (w - 1) / 2.0, (h - 1) / 2.0, card.cropSpec().sourceSide(d) * CONTEXT, 0, false, ctx, buf, 0);
		return CellCropper.toArgb(buf, 0, ctx);
	}

	/** Context crops of the cells the segmenter finds in a field, sized by the model's field scale ({@link FieldCropScale}). */
	static List<int[]> fieldContexts(ColorProcessor cp, CropSpec spec, String fieldScale, int ctx, LeukocyteSegmenter segmenter,
		double cellDiameter)
	{
		if (segmenter == null) throw new IllegalStateException("no segmenter available for whole-field training data");
		Segmentation seg = segmenter.segment(RgbImages.wrap(cp), new SegmentationSettings(cellDiameter, 1, ProgressListener.NONE));
		List<int[]> cells = new ArrayList<>();
		if (seg.measurements().isEmpty()) return cells; // no red-cell ruler for a field without cells
		float[] buf = new float[3 * ctx * ctx];
		int[] px = (int[]) cp.getPixels();
		double d = FieldCropScale.cropDiameter(fieldScale, px, cp.getWidth(), cp.getHeight(), seg.cellDiameter());
		for (CellMeasurements m : seg.measurements()) {
			CellCropper.crop(px, cp.getWidth(), cp.getHeight(), m.centroidX(), m.centroidY(), spec.sourceSide(d) * CONTEXT,
				0, false, ctx, buf, 0);
			cells.add(CellCropper.toArgb(buf, 0, ctx));
		}
		return cells;
	}

	static boolean isImage(Path p) {
		return Files.isRegularFile(p) && io.github.leukocnn.io.SmearImages.hasImageExtension(p);
	}

	/** The last number in the file name (0 if none): contiguous numbers may be one patient. */
	public static long order(Path p) {
		String n = p.getFileName().toString();
		int dot = n.lastIndexOf('.');
		Matcher m = NUMBER.matcher(dot > 0 ? n.substring(0, dot) : n);
		if (!m.find()) return 0;
		try {
			return Long.parseLong(m.group(1));
		}
		catch (NumberFormatException e) {
			return Long.MAX_VALUE;
		}
	}

	public int sampleCount() {
		return items.stream().mapToInt(i -> i.cells().size()).sum();
	}
}
