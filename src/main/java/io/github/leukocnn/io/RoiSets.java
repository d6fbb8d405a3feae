package io.github.leukocnn.io;

import java.awt.Color;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.Wand;
import ij.io.RoiDecoder;
import ij.io.RoiEncoder;
import ij.process.ShortProcessor;
import io.github.leukocnn.segment.LabelPieces;

/**
 * ImageJ ROI sets (the .zip files of the ROI Manager) made from label images: one traced polygon
 * per label, in increasing label order.
 */
public final class RoiSets {

	private RoiSets() {}

	/**
	 * Traces the outline of every label 1..65535 present in {@code labels} (row-major, unsigned
	 * 16 bit). The outline is the outer boundary (8-connected, holes ignored) of the label's largest
	 * piece ({@link LabelPieces}): a cell label can carry a few stray pixels, which must not become
	 * its outline.
	 *
	 * @param name the ROI name of a label id, e.g. {@code id -> String.format("cell-%04d", id)}
	 * @param rgb the stroke colour of a label id as 0xRRGGBB, or null for ImageJ's default
	 */
	public static List<Roi> traceLabels(short[] labels, int width, int height, IntFunction<String> name, IntUnaryOperator rgb) {
		if (labels.length != (long) width * height)
			throw new IllegalArgumentException("label array has " + labels.length + " pixels, expected " + width + "x" + height);
		int[] minX = new int[65536], minY = new int[65536], maxX = new int[65536], maxY = new int[65536];
		java.util.Arrays.fill(minX, -1);
		for (int i = 0; i < labels.length; i++) {
			int id = labels[i] & 0xffff;
			if (id == 0) continue;
			int x = i % width, y = i / width;
			if (minX[id] < 0) {
				minX[id] = maxX[id] = x;
				minY[id] = maxY[id] = y;
			}
			minX[id] = Math.min(minX[id], x);
			maxX[id] = Math.max(maxX[id], x);
			maxY[id] = y;
		}
		ShortProcessor sp = new ShortProcessor(width, height, labels, null);
		Wand wand = new Wand(sp);
		List<Roi> rois = new ArrayList<>();
		for (int id = 1; id < minX.length; id++) {
			if (minX[id] < 0) continue;
			int bw = maxX[id] - minX[id] + 1, bh = maxY[id] - minY[id] + 1;
			byte[] mask = new byte[bw * bh];
			for (int y = 0; y < bh; y++)
				for (int x = 0; x < bw; x++)
					if ((labels[(minY[id] + y) * width + minX[id] + x] & 0xffff) == id) mask[y * bw + x] = 1;
			// The piece's first raster pixel lies on its outer boundary, so the wand traces the outline, not a hole.
			int start = LabelPieces.largestPieceStart(mask, bw, bh);
			wand.autoOutline(minX[id] + start % bw, minY[id] + start / bw, id, id, Wand.EIGHT_CONNECTED);
			Roi roi = new PolygonRoi(java.util.Arrays.copyOf(wand.xpoints, wand.npoints),
				java.util.Arrays.copyOf(wand.ypoints, wand.npoints), wand.npoints, Roi.TRACED_ROI);
			roi.setName(name.apply(id));
			if (rgb != null) roi.setStrokeColor(new Color(rgb.applyAsInt(id) & 0xffffff));
			rois.add(roi);
		}
		return rois;
	}

	/** Writes an ROI set atomically; names must be unique (they become the zip entry names). */
	public static void write(Path target, boolean overwrite, List<Roi> rois) throws IOException {
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			write(group, target, rois);
			group.commit();
		}
	}

	/** Stages an ROI set in {@code group}, in the layout of the ROI Manager's "Save…". */
	public static void write(AtomicFiles.Group group, Path target, List<Roi> rois) throws IOException {
		Set<String> names = new HashSet<>();
		for (Roi roi : rois)
			if (roi.getName() == null || !names.add(roi.getName()))
				throw new IllegalArgumentException("ROI names must be present and unique, got '" + roi.getName() + "' twice or missing");
		group.write(target, raw -> {
			ZipOutputStream zip = new ZipOutputStream(raw);
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zip));
			RoiEncoder encoder = new RoiEncoder(out);
			for (Roi roi : rois) {
				zip.putNextEntry(ZipEntries.entry(roi.getName() + ".roi"));
				encoder.write(roi);
				out.flush();
			}
			zip.finish();
		});
	}

	/** Reads an ROI set zip (or a single .roi file) in entry order. */
	public static List<Roi> read(Path file) throws IOException {
		List<Roi> rois = new ArrayList<>();
		if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
			rois.add(new RoiDecoder(Files.readAllBytes(file), file.getFileName().toString()).getRoi());
			return rois;
		}
		try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
				if (!e.getName().endsWith(".roi")) continue;
				Roi roi = new RoiDecoder(zip.readAllBytes(), e.getName()).getRoi();
				if (roi == null) throw new IOException(file + ": entry " + e.getName() + " is not a readable ImageJ ROI");
				rois.add(roi);
			}
		}
		return rois;
	}
}
