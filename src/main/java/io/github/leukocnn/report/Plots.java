package io.github.leukocnn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.process.ColorProcessor;
import io.github.leukocnn.stats.Calibration;
import io.github.leukocnn.stats.Interval;
import io.github.leukocnn.stats.RocCurve;

/**
 * Evaluation plots as RGB images (ROC, reliability diagram, training curves), drawn off-screen on a
 * {@link BufferedImage}: no window, safe in headless mode. Returned as ImageJ
 * {@link ColorProcessor}s so they can be shown or saved like any other image.
 */
public final class Plots {

	static final Color BLUE = new Color(0x1f77b4), ORANGE = new Color(0xff7f0e), GREEN = new Color(0x2ca02c),
		GREY = new Color(0x999999), LIGHT = new Color(0xe6e6e6);

	private Plots() {}

	/** ROC curve of the positive score, with the chance diagonal and the Youden operating point. */
	public static ColorProcessor roc(RocCurve roc, Interval auc, String positiveLabel) {
		Canvas c = new Canvas(560, 560, 0, 1, 0, 1);
		c.title("ROC: " + positiveLabel + " vs rest");
		c.axes("false positive rate (1 - specificity)", "true positive rate (sensitivity)", false);
		c.line(List.of(new double[] { 0, 0 }, new double[] { 1, 1 }), GREY, true);
		List<double[]> pts = new ArrayList<>();
		for (int i = 0; i < roc.thresholds().length; i++)
			pts.add(new double[] { roc.falsePositiveRates()[i], roc.truePositiveRates()[i] });
		c.line(pts, BLUE, false);
		String counts = String.format(Locale.ROOT, "n = %d (%d positive, %d negative)", roc.positives() + roc.negatives(),
			roc.positives(), roc.negatives());
		if (Double.isNaN(roc.auc())) {
			c.legend(List.of("AUC undefined: needs positive and negative cases", counts), List.of(BLUE, Color.BLACK), true, true);
			return c.image();
		}
		int y = roc.youdenIndex();
		c.dot(roc.falsePositiveRates()[y], roc.truePositiveRates()[y], ORANGE);
		c.legend(List.of(
			String.format(Locale.ROOT, "AUC %.3f (95%% CI %.3f-%.3f)", auc.estimate(), auc.low(), auc.high()), counts,
			String.format(Locale.ROOT, "Youden point: threshold %.3f", roc.thresholds()[y])),
			List.of(BLUE, Color.BLACK, ORANGE), true, true);
		return c.image();
	}

	/**
	 * Reliability diagram: observed frequency against mean confidence per bin, before and (if
	 * {@code after} is not null) after temperature scaling; grey bars show the share of cases per bin.
	 */
	public static ColorProcessor reliability(Calibration before, Calibration after, double temperature) {
		Canvas c = new Canvas(560, 560, 0, 1, 0, 1);
		c.title("Reliability (top-label, " + before.bins().size() + " bins)");
		c.axes("confidence (largest class probability)", "accuracy", false);
		for (Calibration.Bin b : before.bins())
			if (b.count() > 0) c.bar(b.lower(), b.upper(), (double) b.count() / before.count(), LIGHT);
		c.line(List.of(new double[] { 0, 0 }, new double[] { 1, 1 }), GREY, true);
		c.line(points(before), BLUE, false);
		List<String> text = new ArrayList<>(List.of(String.format(Locale.ROOT, "probabilities as given: ECE %.3f", before.ece())));
		List<Color> colours = new ArrayList<>(List.of(BLUE));
		if (after != null) {
			c.line(points(after), ORANGE, false);
			text.add(String.format(Locale.ROOT, "rescaled by T = %.2f (validation): ECE %.3f", temperature, after.ece()));
			colours.add(ORANGE);
		}
		text.add("bars: share of cases per bin");
		colours.add(GREY);
		c.legend(text, colours, false, false);
		return c.image();
	}

	/** Training and validation loss (top) and validation accuracy (bottom) per epoch. */
	public static ColorProcessor trainingCurves(TrainingHistory history) {
		List<TrainingHistory.Epoch> e = history.epochs();
		double x0 = e.get(0).epoch(), x1 = Math.max(x0 + 1, e.get(e.size() - 1).epoch());
		double maxLoss = 0;
		for (TrainingHistory.Epoch p : e)
			maxLoss = Math.max(maxLoss, Math.max(finite(p.trainLoss()), finite(p.validationLoss())));
		if (maxLoss == 0) maxLoss = 1;
		Canvas loss = new Canvas(640, 360, x0, x1, 0, maxLoss * 1.05);
		loss.title("Training curves");
		loss.axes("epoch", "loss (cross-entropy)", true);
		List<double[]> train = new ArrayList<>(), val = new ArrayList<>(), acc = new ArrayList<>();
		for (TrainingHistory.Epoch p : e) {
			if (Double.isFinite(p.trainLoss())) train.add(new double[] { p.epoch(), p.trainLoss() });
			if (Double.isFinite(p.validationLoss())) val.add(new double[] { p.epoch(), p.validationLoss() });
			if (Double.isFinite(p.validationAccuracy())) acc.add(new double[] { p.epoch(), p.validationAccuracy() });
		}
		loss.line(train, BLUE, false);
		loss.line(val, ORANGE, false);
		loss.legend(List.of("train loss", "validation loss"), List.of(BLUE, ORANGE), true, false);
		Canvas accuracy = new Canvas(640, 280, x0, x1, 0, 1);
		accuracy.axes("epoch", "validation accuracy", true);
		accuracy.line(acc, GREEN, false);
		if (!acc.isEmpty()) {
			double[] last = acc.get(acc.size() - 1);
			accuracy.legend(List.of(String.format(Locale.ROOT, "last: %.3f (epoch %d)", last[1], (int) last[0])), List.of(GREEN), true, true);
		}
		return stack(loss.image(), accuracy.image());
	}

	private static double finite(double v) {
		return Double.isFinite(v) ? v : 0;
	}

	private static List<double[]> points(Calibration c) {
		List<double[]> pts = new ArrayList<>();
		for (Calibration.Bin b : c.bins())
			if (b.count() > 0) pts.add(new double[] { b.meanConfidence(), b.frequency() });
		return pts;
	}

	private static ColorProcessor stack(ColorProcessor top, ColorProcessor bottom) {
		ColorProcessor out = new ColorProcessor(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() + bottom.getHeight());
		out.setColor(Color.WHITE);
		out.fill();
		out.insert(top, 0, 0);
		out.insert(bottom, 0, top.getHeight());
		return out;
	}

	/** A white plot area with data coordinates [x0, x1] × [y0, y1]. */
	static final class Canvas {
		private static final int LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 55;
		private final BufferedImage image;
		private final Graphics2D g;
		private final double x0, x1, y0, y1;
		private final int w, h;
		private boolean text = true;

		Canvas(int width, int height, double x0, double x1, double y0, double y1) {
			image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
			g = image.createGraphics();
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			this.w = width;
			this.h = height;
			this.x0 = x0;
			this.x1 = x1;
			this.y0 = y0;
			this.y1 = y1;
		}

		double px(double x) {
			return LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT);
		}

		double py(double y) {
			return h - BOTTOM - (y - y0) / (y1 - y0) * (h - TOP - BOTTOM);
		}

		void title(String s) {
			string(s, LEFT, 24, 15, Font.BOLD, Color.BLACK);
		}

		/** Grid, ticks at 1-2-5 steps, frame and axis labels; {@code integerX} keeps x ticks whole (epochs). */
		void axes(String xLabel, String yLabel, boolean integerX) {
			g.setStroke(new BasicStroke(1f));
			double xStep = niceStep(x1 - x0, 6);
			if (integerX) xStep = Math.max(1, Math.rint(xStep));
			double yStep = niceStep(y1 - y0, 6);
			for (double x = Math.ceil(x0 / xStep - 1e-9) * xStep; x <= x1 + 1e-9 * xStep; x += xStep) {
				g.setColor(LIGHT);
				g.draw(new Line2D.Double(px(x), py(y0), px(x), py(y1)));
				string(tick(x, xStep), (int) px(x) - 10, h - BOTTOM + 18, 11, Font.PLAIN, Color.DARK_GRAY);
			}
			for (double y = Math.ceil(y0 / yStep - 1e-9) * yStep; y <= y1 + 1e-9 * yStep; y += yStep) {
				g.setColor(LIGHT);
				g.draw(new Line2D.Double(px(x0), py(y), px(x1), py(y)));
				string(tick(y, yStep), LEFT - 40, (int) py(y) + 4, 11, Font.PLAIN, Color.DARK_GRAY);
			}
			g.setColor(Color.BLACK);
			g.draw(new Rectangle2D.Double(px(x0), py(y1), px(x1) - px(x0), py(y0) - py(y1)));
			string(xLabel, LEFT + 10, h - 14, 12, Font.PLAIN, Color.BLACK);
			if (text) {
				try {
					Graphics2D r = (Graphics2D) g.create();
					r.rotate(-Math.PI / 2);
					r.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
					r.setColor(Color.BLACK);
					r.drawString(yLabel, -(h - BOTTOM), 16);
					r.dispose();
				}
				catch (RuntimeException | InternalError | LinkageError e) {
					text = false;
				}
			}
		}

		/** The 1, 2 or 5 × 10^k step that gives at most about {@code maxTicks} intervals. */
		static double niceStep(double range, int maxTicks) {
			double raw = range / maxTicks;
			double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			for (double m : new double[] { 1, 2, 5, 10 })
				if (m * magnitude >= raw) return m * magnitude;
			return 10 * magnitude;
		}

		private static String tick(double v, double step) {
			if (Math.abs(v) < 1e-9 * step) v = 0; // no "-0.0"
			int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
			return String.format(Locale.ROOT, "%." + decimals + "f", v);
		}

		void line(List<double[]> points, Color colour, boolean dashed) {
			if (points.isEmpty()) return;
			g.setColor(colour);
			g.setStroke(dashed ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 5 }, 0)
				: new BasicStroke(2f));
			Path2D path = new Path2D.Double();
			path.moveTo(px(points.get(0)[0]), py(points.get(0)[1]));
			for (double[] p : points.subList(1, points.size()))
				path.lineTo(px(p[0]), py(p[1]));
			g.draw(path);
			if (!dashed && points.size() <= 30)
				for (double[] p : points)
					dot(p[0], p[1], colour);
		}

		void dot(double x, double y, Color colour) {
			g.setColor(colour);
			g.fill(new java.awt.geom.Ellipse2D.Double(px(x) - 3.5, py(y) - 3.5, 7, 7));
		}

		void bar(double from, double to, double height, Color colour) {
			g.setColor(colour);
			g.fill(new Rectangle2D.Double(px(from) + 1, py(height), px(to) - px(from) - 2, py(y0) - py(height)));
		}

		/** Text lines with colour swatches in a corner of the plot area. */
		void legend(List<String> lines, List<Color> colours, boolean right, boolean bottom) {
			int lineHeight = 17;
			int x = right ? (int) px(x1) - 250 : (int) px(x0) + 10;
			int y = bottom ? (int) py(y0) - 10 - lineHeight * (lines.size() - 1) : (int) py(y1) + 20;
			for (int i = 0; i < lines.size(); i++) {
				g.setColor(colours.get(i));
				g.fillRect(x, y + i * lineHeight - 9, 12, 4);
				string(lines.get(i), x + 18, y + i * lineHeight - 3, 12, Font.PLAIN, Color.BLACK);
			}
		}

		/**
		 * Draws text unless the platform cannot render fonts (a headless JRE without fontconfig):
		 * then the plot stays without labels rather than failing the whole evaluation.
		 */
		private void string(String s, int x, int y, int size, int style, Color colour) {
			if (!text) return;
			try {
				g.setFont(new Font(Font.SANS_SERIF, style, size));
				g.setColor(colour);
				g.drawString(s, x, y);
			}
			catch (RuntimeException | InternalError | LinkageError e) {
				text = false;
			}
		}

		ColorProcessor image() {
			g.dispose();
			int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
			return new ColorProcessor(w, h, pixels);
		}
	}
}
