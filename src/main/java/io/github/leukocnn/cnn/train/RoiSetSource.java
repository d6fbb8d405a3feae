package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

import ij.gui.Roi;
import ij.process.ColorProcessor;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.FieldCropScale;

/**
 * Training source (b): images with an ImageJ ROI set beside them ({@code NAME.zip} or
 * {@code NAME_rois.zip} next to {@code NAME.jpg}), one ROI per cell. A ROI's class is its group
 * name if it has one, else its name up to the first space, '-', '_' or '#', lower-cased (so
 * "blast-3" and "blast" both mean blast); a name that is only a number, such as the ROI Manager's
 * position names of unnamed ROIs ("0123-0456"), carries no class and is refused. The ROI sets are
 * read with {@link io.github.leukocnn.io.RoiSets} (ImageJ's RoiDecoder), without the RoiManager GUI. Each ROI becomes its own item, ordered by image number then ROI
 * index, so that contiguous blocks still keep an image's cells together.
 */
public final class RoiSetSource {

	private RoiSetSource() {}

	/** A labelled cell outline. */
	record LabelledRoi(String label, Roi roi) {}

	/** Fewest ROIs of a class: enough for a training, a validation and a test block. */
	public static final int MIN_PER_CLASS = 5;

	public static TrainingData load(Path dir, ModelCard card) throws IOException {
		if (!Files.isDirectory(dir)) throw new IOException("ROI-set folder " + dir + " does not exist or is not a folder");
		List<Path> images, zips;
		try (Stream<Path> s = Files.list(dir)) {
			images = s.filter(TrainingData::isImage).sorted(Comparator.comparingLong(TrainingData::order)
				.thenComparing(p -> p.getFileName().toString())).toList();
		}
		try (Stream<Path> s = Files.list(dir)) {
			zips = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
				.sorted().toList();
		}
		List<String> failures = new ArrayList<>();
		TreeSet<Path> paired = new TreeSet<>();
		List<Path> used = new ArrayList<>();
		List<ColorProcessor> pixels = new ArrayList<>();
		List<List<LabelledRoi>> rois = new ArrayList<>();
		TreeSet<String> labels = new TreeSet<>();
		for (Path img : images) {
			Path zip = roiSetOf(img);
			if (zip == null) continue; // an image without annotations is not training data
			paired.add(zip);
			try {
				List<LabelledRoi> r = read(zip);
				if (r.isEmpty()) {
					failures.add(zip + ": ROI set holds no ROIs");
					continue;
				}
				ColorProcessor cp;
				try {
					cp = TrainingData.open(img);
				}
				catch (IOException e) {
					failures.add(img + ": " + e.getMessage() + " (its ROI set " + zip.getFileName() + " is not used)");
					continue;
				}
				r.forEach(l -> labels.add(l.label()));
				used.add(img);
				pixels.add(cp);
				rois.add(r);
			}
			catch (IOException e) {
				failures.add(zip + ": " + e.getMessage());
			}
		}
		for (Path zip : zips)
			if (!paired.contains(zip)) failures.add(zip + ": ROI set without its image (expected " + imageNamesFor(zip) + " beside it)");
		if (used.isEmpty()) throw new IOException("no usable image with an ROI set in " + dir +
			" (an ROI set is NAME.zip or NAME_rois.zip next to the image NAME.jpg/.png/.tif)" +
			(failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
		List<String> classes = card.classes() != null && !card.classes().isEmpty() ? card.classes() : List.copyOf(labels);
		for (String l : labels)
			if (!classes.contains(l)) throw new IOException("ROI class '" + l + "' is not one of the classes " + classes);
		if (classes.size() < 2) throw new IOException("ROI sets in " + dir + " name only " + classes.size() + " class(es) " + classes + "; at least 2 are needed");
		int[] count = new int[classes.size()];
		for (List<LabelledRoi> r : rois)
			for (LabelledRoi l : r) count[classes.indexOf(l.label())]++;
		for (int c = 0; c < classes.size(); c++)
			if (count[c] < MIN_PER_CLASS) throw new IOException("class '" + classes.get(c) + "' has only " + count[c] + " ROI(s) in the ROI sets of " +
				dir + ": at least " + MIN_PER_CLASS + " are needed to split it into training, validation and test blocks");
		int ctx = TrainingData.contextSize(card.cropSize());
		List<TrainingItem> items = new ArrayList<>();
		for (int i = 0; i < used.size(); i++) {
			Path img = used.get(i);
			ColorProcessor cp = pixels.get(i);
			List<LabelledRoi> r = rois.get(i);
			double[] d = r.stream().mapToDouble(l -> (l.roi().getBounds().width + l.roi().getBounds().height) / 2.0).sorted().toArray();
			// the image's typical cell size sets the scale, as the segmentation's diameter does for fields
			double diameter = FieldCropScale.cropDiameter(card.fieldScaleRule(), (int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(),
				d[d.length / 2]);
			float[] buf = new float[3 * ctx * ctx];
			for (int j = 0; j < r.size(); j++) {
				double[] c = r.get(j).roi().getContourCentroid();
				CellCropper.crop((int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(), c[0], c[1],
					card.cropSpec().sourceSide(diameter) * TrainingData.CONTEXT, 0, false, ctx, buf, 0);
				items.add(new TrainingItem(img + "#" + r.get(j).roi().getName(), classes.indexOf(r.get(j).label()),
					TrainingData.order(img) * 100_000 + j, List.of(CellCropper.toArgb(buf, 0, ctx))));
			}
		}
		return new TrainingData(List.copyOf(classes), items, failures);
	}

	/** The image an ROI set {@code NAME.zip} / {@code NAME_rois.zip} belongs to, for messages. */
	static String imageNamesFor(Path zip) {
		String base = zip.getFileName().toString();
		base = base.substring(0, base.length() - 4);
		for (String suffix : new String[] { "_rois", ".roi" })
			if (base.endsWith(suffix)) base = base.substring(0, base.length() - suffix.length());
		return base + ".EXT with EXT one of " + io.github.leukocnn.io.SmearImages.EXTENSIONS;
	}

	static Path roiSetOf(Path img) {
		String n = img.getFileName().toString();
		String base = n.substring(0, n.lastIndexOf('.'));
		for (String cand : new String[] { base + ".zip", base + "_rois.zip", base + ".roi.zip" }) {
			Path p = img.resolveSibling(cand);
			if (Files.isRegularFile(p)) return p;
		}
		return null;
	}

	static List<LabelledRoi> read(Path zip) throws IOException {
		List<LabelledRoi> out = new ArrayList<>();
		try {
			for (Roi roi : io.github.leukocnn.io.RoiSets.read(zip)) {
				String label = labelOf(roi);
				if (label.isEmpty()) throw new IOException("ROI '" + roi.getName() + "' carries no class: " + (roi.getName() == null ||
					roi.getName().isBlank() ? "it has no name" : "its name is ImageJ's default position name") +
					"; name each ROI after its class (e.g. 'blast-1') or put it in a named group");
				if (!roi.isArea()) throw new IOException("ROI '" + roi.getName() + "' is a " + roi.getTypeAsString().toLowerCase(Locale.ROOT) +
					" ROI: outline each cell with an area ROI (oval, rectangle, polygon, freehand, traced)");
				out.add(new LabelledRoi(label, roi));
			}
		}
		catch (IllegalArgumentException | java.util.zip.ZipException e) {
			throw new IOException("not a valid ROI set zip: " + e.getMessage(), e);
		}
		return out;
	}

	static String labelOf(Roi roi) {
		if (roi.getGroup() > 0) {
			String g = Roi.getGroupName(roi.getGroup());
			if (g != null && !g.isBlank()) return g.trim().toLowerCase(Locale.ROOT);
		}
		String n = roi.getName() == null ? "" : roi.getName().trim();
		String[] parts = n.split("[ \\-_#]", 2);
		// the ROI Manager names unnamed ROIs by position ("0123-0456"): a number is not a class
		return parts[0].matches("\\d*") ? "" : parts[0].toLowerCase(Locale.ROOT);
	}

	static String describe(List<LabelledRoi> r) {
		return Arrays.toString(r.stream().map(LabelledRoi::label).toArray());
	}
}
