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

/**
 * Training source (b): images with an ImageJ ROI set beside them ({@code NAME.zip} or
 * {@code NAME_rois.zip} next to {@code NAME.jpg}), one ROI per cell. A ROI's class is its group
 * name if it has one, else its name up to the first space, '-', '_' or '#', lower-cased (so
 * "blast-3" and "blast" both mean blast). The ROI sets are read with {@link RoiDecoder} directly,
 * without the RoiManager GUI. Each ROI becomes its own item, ordered by image number then ROI
 * index, so that contiguous blocks still keep an image's cells together.
 */
public final class RoiSetSource {

	private RoiSetSource() {}

	/** A labelled cell outline. */
	record LabelledRoi(String label, Roi roi) {}

	public static TrainingData load(Path dir, ModelCard card) throws IOException {
		if (!Files.isDirectory(dir)) throw new IOException("ROI-set folder " + dir + " does not exist or is not a folder");
		List<Path> images;
		try (Stream<Path> s = Files.list(dir)) {
			images = s.filter(TrainingData::isImage).sorted(Comparator.comparingLong(TrainingData::order)
				.thenComparing(p -> p.getFileName().toString())).toList();
		}
		List<String> failures = new ArrayList<>();
		List<Path> used = new ArrayList<>();
		List<List<LabelledRoi>> rois = new ArrayList<>();
		TreeSet<String> labels = new TreeSet<>();
		for (Path img : images) {
			Path zip = roiSetOf(img);
			if (zip == null) continue;
			try {
				List<LabelledRoi> r = read(zip);
				if (r.isEmpty()) {
					failures.add(zip + ": ROI set holds no ROIs");
					continue;
				}
				r.forEach(l -> labels.add(l.label()));
				used.add(img);
				rois.add(r);
			}
			catch (IOException e) {
				failures.add(zip + ": " + e.getMessage());
			}
		}
		if (used.isEmpty()) throw new IOException("no image in " + dir + " has an ROI set beside it (NAME.zip or NAME_rois.zip next to NAME.jpg)");
		List<String> classes = card.classes() != null && !card.classes().isEmpty() ? card.classes() : List.copyOf(labels);
		for (String l : labels)
			if (!classes.contains(l)) throw new IOException("ROI class '" + l + "' is not one of the classes " + classes);
		if (classes.size() < 2) throw new IOException("ROI sets in " + dir + " name only " + classes.size() + " class(es) " + classes + "; at least 2 are needed");
		int ctx = TrainingData.contextSize(card.cropSize());
		List<TrainingItem> items = new ArrayList<>();
		for (int i = 0; i < used.size(); i++) {
			Path img = used.get(i);
			ColorProcessor cp;
			try {
				cp = TrainingData.open(img);
			}
			catch (IOException e) {
				failures.add(img + ": " + e.getMessage());
				continue;
			}
			List<LabelledRoi> r = rois.get(i);
			double[] d = r.stream().mapToDouble(l -> (l.roi().getBounds().width + l.roi().getBounds().height) / 2.0).sorted().toArray();
			double diameter = d[d.length / 2]; // the image's typical cell size sets the scale, as for segmented fields
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
				if (label.isEmpty()) throw new IOException("ROI " + roi.getName() + " carries no class (name it after the class, or set a group name)");
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
		return parts[0].toLowerCase(Locale.ROOT);
	}

	static String describe(List<LabelledRoi> r) {
		return Arrays.toString(r.stream().map(LabelledRoi::label).toArray());
	}
}
