package io.github.leukocnn.image;

import java.awt.Rectangle;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;

/**
 * ImageJ 1 ROIs traced from a label image: one ROI per label, following pixel edges exactly
 * (holes and separate parts included, as ImageJ's "Create Selection" does). Headless-safe; the
 * one place where LeukoCNN turns labels into ROIs, for the ROI Manager, overlays and ROI zips.
 */
public final class LabelRois {

	private LabelRois() {}

	/** One ROI per cell of {@code segmentation}, in the order of its measurements; named "cell-0007". */
	public static Roi[] cells(Segmentation segmentation) {
		int[] ids = segmentation.measurements().stream().mapToInt(CellMeasurements::id).toArray();
		Roi[] rois = trace(segmentation.cellPixels(), segmentation.width(), segmentation.height(), ids);
		for (int i = 0; i < rois.length; i++)
			if (rois[i] != null) rois[i].setName(cellName(ids[i]));
		return rois;
	}

	/** "cell-0007": sorts in label order in the ROI Manager and in file listings. */
	public static String cellName(int id) {
		return String.format("cell-%04d", id);
	}

	/**
	 * Traces the labels {@code ids} of a row-major unsigned 16-bit label image.
	 *
	 * @return one ROI per id, in the order of {@code ids}; null for an id with no pixels
	 */
	public static Roi[] trace(short[] labels, int width, int height, int... ids) {
		if (labels.length != width * height)
			throw new IllegalArgumentException("label array has " + labels.length + " pixels, expected " + width + "x" + height);
		Rectangle[] boxes = boundingBoxes(labels, width, ids);
		Roi[] rois = new Roi[ids.length];
		ThresholdToSelection tracer = new ThresholdToSelection();
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] < 1 || ids[i] > 0xffff || boxes[ids[i]] == null) continue;
			rois[i] = trace(labels, width, ids[i], boxes[ids[i]], tracer);
		}
		return rois;
	}

	private static Roi trace(short[] labels, int width, int id, Rectangle box, ThresholdToSelection tracer) {
		// Trace within the bounding box only: cost per cell is its box, not the whole image.
		ByteProcessor mask = new ByteProcessor(box.width, box.height);
		byte[] m = (byte[]) mask.getPixels();
		for (int y = 0; y < box.height; y++) {
			int row = (box.y + y) * width + box.x;
			for (int x = 0; x < box.width; x++)
				if ((labels[row + x] & 0xffff) == id) m[y * box.width + x] = (byte) 255;
		}
		mask.setThreshold(255, 255, ByteProcessor.NO_LUT_UPDATE);
		Roi roi = tracer.convert(mask);
		if (roi == null) return null;
		roi.setLocation(box.x + roi.getXBase(), box.y + roi.getYBase());
		return roi;
	}

	/** Bounding box of every label that occurs in {@code ids}, indexed by label; one pass over the image. */
	private static Rectangle[] boundingBoxes(short[] labels, int width, int[] ids) {
		int[] minX = new int[0x10000], minY = new int[0x10000], maxX = new int[0x10000], maxY = new int[0x10000];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		for (int i = 0; i < labels.length; i++) {
			int v = labels[i] & 0xffff;
			if (v == 0) continue;
			int x = i % width, y = i / width;
			if (minX[v] == Integer.MAX_VALUE) {
				minX[v] = maxX[v] = x;
				minY[v] = maxY[v] = y;
			}
			else {
				if (x < minX[v]) minX[v] = x;
				if (x > maxX[v]) maxX[v] = x;
				maxY[v] = y; // rows are visited in order
			}
		}
		Rectangle[] boxes = new Rectangle[0x10000];
		for (int id : ids) {
			if (id < 1 || id > 0xffff || minX[id] == Integer.MAX_VALUE) continue;
			boxes[id] = new Rectangle(minX[id], minY[id], maxX[id] - minX[id] + 1, maxY[id] - minY[id] + 1);
		}
		return boxes;
	}
}
