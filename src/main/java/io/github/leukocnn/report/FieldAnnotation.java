package io.github.leukocnn.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.gui.Roi;
import ij.process.ColorProcessor;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.segment.Segmentation;

/**
 * The per-image review outputs of {@code classify}: an ROI set with one outline per cell named
 * "class p" (e.g. "pre 0.97": the cell's class and its probability; a duplicate name gets
 * "-id" appended, as ROI names must be unique), and a copy of the image with the outlines
 * coloured by class and labelled.
 */
public final class FieldAnnotation {

	/** Distinct colours for classes in order; positive classes are drawn with the warm ones first. */
	private static final int[] SAFE = { 0x0072b2, 0x009e73, 0x56b4e9, 0x999999, 0xf0e442, 0x000000, 0x8c564b, 0x17becf };
	private static final int[] WARM = { 0xd55e00, 0xcc79a7, 0xe69f00, 0xff0000 };

	/** The annotated image is enlarged (by a whole factor, at most 4) until its shorter side reaches this. */
	static final int MIN_RENDER_SIDE = 400;

	private FieldAnnotation() {}

	/** Class colours as 0xRRGGBB: positive classes red/orange/magenta, the others blue/green/grey. */
	public static int[] classColours(List<String> classes, List<String> positive) {
		int[] colours = new int[classes.size()];
		int warm = 0, safe = 0;
		for (int c = 0; c < colours.length; c++)
			colours[c] = positive.contains(classes.get(c)) ? WARM[warm++ % WARM.length] : SAFE[safe++ % SAFE.length];
		return colours;
	}

	/** ROI name of a cell: class and probability with 2 decimals. */
	public static String roiName(CellCall cell, List<String> classes) {
		return String.format(Locale.ROOT, "%s %.2f", classes.get(cell.classIndex()), cell.confidence());
	}

	/**
	 * One outline per cell of {@code field}, in cell order. With a segmentation the outlines are
	 * traced from its labels; a single-cell field (no segmentation) gets the whole image as its ROI.
	 */
	public static List<Roi> rois(FieldReport field, Segmentation segmentation, int width, int height) {
		int[] colours = classColours(field.classes(), field.positiveClasses());
		List<Roi> rois = new ArrayList<>();
		Set<String> used = new HashSet<>();
		if (segmentation == null) {
			for (CellCall cell : field.cells()) {
				Roi roi = new Roi(0, 0, width, height);
				roi.setName(unique(roiName(cell, field.classes()), 1, used));
				roi.setStrokeColor(new Color(colours[cell.classIndex()]));
				rois.add(roi);
			}
			return rois;
		}
		// Label id -> cell: measurements are ordered by id but ids need not be 1..n.
		java.util.Map<Integer, CellCall> byId = new java.util.HashMap<>();
		for (CellCall cell : field.cells())
			byId.put(cell.measurements().id(), cell);
		List<Roi> traced = RoiSets.traceLabels(segmentation.cellPixels(), segmentation.width(), segmentation.height(),
			id -> "cell " + id, id -> byId.containsKey(id) ? colours[byId.get(id).classIndex()] : 0xffffff);
		for (Roi roi : traced) {
			int id = Integer.parseInt(roi.getName().substring(5));
			CellCall cell = byId.get(id);
			if (cell == null) continue; // a label without measurements is not a classified cell
			roi.setName(unique(roiName(cell, field.classes()), id, used));
			rois.add(roi);
		}
		return rois;
	}

	private static String unique(String name, int id, Set<String> used) {
		String n = used.contains(name) ? name + "-" + id : name;
		for (int k = 2; used.contains(n); k++)
			n = name + "-" + id + "-" + k;
		used.add(n);
		return n;
	}

	/**
	 * A copy of {@code image} (enlarged if small, see {@link #MIN_RENDER_SIDE}) with each ROI outlined in its colour and labelled with its name, and the
	 * field call (with the probability that decided it) and the cell count in the top-left corner.
	 */
	public static ColorProcessor render(ColorProcessor image, List<Roi> rois, FieldReport field) {
		// Small fields (e.g. 224 px ALL-Taleqani tiles) are enlarged so that labels stay legible.
		int scale = Math.max(1, (int) Math.ceil(MIN_RENDER_SIDE / (double) Math.min(image.getWidth(), image.getHeight())));
		scale = Math.min(scale, 4);
		ColorProcessor out;
		if (scale == 1) out = (ColorProcessor) image.duplicate();
		else {
			// a view over the same pixels carries the interpolation setting, so the caller's image (in Fiji the user's) keeps its own
			ColorProcessor view = new ColorProcessor(image.getWidth(), image.getHeight(), (int[]) image.getPixels());
			view.setInterpolationMethod(ij.process.ImageProcessor.BILINEAR);
			out = (ColorProcessor) view.resize(image.getWidth() * scale, image.getHeight() * scale);
			List<Roi> scaled = new ArrayList<>();
			for (Roi roi : rois) {
				Roi r = ij.plugin.RoiScaler.scale(roi, scale, scale, false);
				r.setName(roi.getName());
				r.setStrokeColor(roi.getStrokeColor());
				scaled.add(r);
			}
			rois = scaled;
		}
		int line = Math.max(1, Math.round(Math.min(out.getWidth(), out.getHeight()) / 300f));
		out.setLineWidth(line);
		int fontSize = labelFontSize(out.getWidth(), out.getHeight());
		out.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
		out.setAntialiasedText(true);
		for (Roi roi : rois) {
			Color colour = roi.getStrokeColor() == null ? Color.YELLOW : roi.getStrokeColor();
			out.setColor(colour);
			roi.drawPixels(out);
			java.awt.Rectangle b = roi.getBounds();
			int y = b.y > fontSize + 2 ? b.y - 2 : Math.min(out.getHeight() - 2, b.y + b.height + fontSize);
			drawLabel(out, roi.getName(), b.x, y, colour);
		}
		// two lines: the call with the probability that decided it, then the count (one line ran off 224-px fields)
		Color callColour = field.leukaemia() ? new Color(WARM[0]) : new Color(SAFE[0]);
		drawLabel(out, field.hasCall() ? field.describeCall() : "no leukocytes found", 2, fontSize + 2, callColour);
		if (field.hasCall()) drawLabel(out, String.format(Locale.ROOT, "%d cell(s)", field.cellCount()), 2, 2 * fontSize + 4, callColour);
		return out;
	}

	/** Font size of cell labels on an image of this size: readable on a field, not covering its cells. */
	public static int labelFontSize(int width, int height) {
		return Math.max(9, Math.min(24, Math.min(width, height) / 25));
	}

	/** Text with a white halo so it stays readable on any stain. */
	private static void drawLabel(ColorProcessor ip, String text, int x, int y, Color c) {
		try {
			ip.setColor(Color.WHITE);
			for (int dx = -1; dx <= 1; dx++)
				for (int dy = -1; dy <= 1; dy++)
					if (dx != 0 || dy != 0) ip.drawString(text, x + dx, y + dy);
			ip.setColor(c);
			ip.drawString(text, x, y);
		}
		catch (RuntimeException | InternalError | LinkageError e) {
			// no fonts on this platform: outlines alone are still a usable review image
		}
	}
}
