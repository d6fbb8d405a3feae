package io.github.leukocnn.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ij.process.ColorProcessor;
import io.github.leukocnn.progress.ProgressListener;

/**
 * Reproducible synthetic blood-smear fields with exact ground truth, for demos, smoke tests and the
 * project's {@code sample-images/}. Not a substitute for real data: it shows what the pipeline does,
 * it does not measure how well it does it on real smears.
 * <p>
 * The image is formed like a bright-field micrograph: every object adds optical density (OD) per
 * colour channel (Beer-Lambert), and the light is {@code I0 · exp(-OD)}, so overlapping red cells
 * darken as they do under a microscope. The field holds a pale pink-grey background with an uneven
 * illumination; red cells with central pallor, some overlapping; platelets; and leukocytes, one or
 * more pairs of them touching, and often one cut by the field's border. About half the fields (decided by the seed) are normal: at least one
 * neutrophil, lymphocyte and monocyte each, no blasts. The others are leukaemic: more leukocytes,
 * most of them blasts, and at least one of each other type. The
 * optics are imitated by a Gaussian blur, sensor noise and a JPEG round trip (quality
 * {@value #JPEG_QUALITY}).
 * <p>
 * All randomness comes from {@code new Random(seed)} in a fixed order and hash-based textures, and
 * transcendental functions use {@link StrictMath}, so a seed gives the same pixels on every JVM.
 */
public final class SmearSynthesizer {

	static final float JPEG_QUALITY = 0.9f;
	/** Standard deviation of the sensor noise, grey levels. */
	static final double SENSOR_NOISE = 2.0;

	/** Light level the optical densities are defined against (the background is near it). */
	private static final double WHITE = 240;

	// stain colours as optical densities per channel, from the RGB they give on a white of 240
	private static final double[] RED_CELL = od(210, 164, 174);
	private static final double[] PLATELET = od(150, 100, 182);
	private static final double[] DENSE_NUCLEUS = od(78, 42, 120);
	private static final double[] NEUTROPHIL_NUCLEUS = od(92, 52, 132);
	private static final double[] MONOCYTE_NUCLEUS = od(128, 98, 168);
	private static final double[] BLAST_NUCLEUS = od(108, 74, 158);
	private static final double[] NUCLEOLUS = od(150, 140, 192);
	private static final double[] NEUTROPHIL_CYTOPLASM = od(210, 178, 202);
	private static final double[] LYMPHOCYTE_CYTOPLASM = od(168, 190, 226);
	private static final double[] MONOCYTE_CYTOPLASM = od(184, 182, 214);
	private static final double[] BLAST_CYTOPLASM = od(140, 158, 214);
	private static final double[] PLASMA = od(234, 229, 233);

	/**
	 * @param width image width, pixels
	 * @param height image height, pixels
	 * @param cellDiameter nominal leukocyte (neutrophil) diameter, pixels; red cells are 0.66 of it
	 * @param seed the field's seed: same settings, same pixels
	 */
	public record Settings(int width, int height, double cellDiameter, long seed) {
		public Settings {
			if (width < 16 || height < 16 || width > 20000 || height > 20000)
				throw new IllegalArgumentException("width and height must be 16..20000 pixels, got " + width + "x" + height);
			if (!(cellDiameter >= 8 && cellDiameter <= 2000))
				throw new IllegalArgumentException("cell diameter must be 8..2000 pixels, got " + cellDiameter);
		}

		public Settings withSeed(long s) {
			return new Settings(width, height, cellDiameter, s);
		}
	}

	private SmearSynthesizer() {}

	public static SyntheticField generate(Settings settings) {
		return generate(settings, ProgressListener.NONE);
	}

	public static SyntheticField generate(Settings s, ProgressListener progress) {
		Random rnd = new Random(mix(s.seed()));
		int w = s.width(), h = s.height();
		double d = s.cellDiameter();
		Canvas canvas = new Canvas(w, h);

		progress.progress(0, "placing cells");
		List<Leukocyte> leukocytes = placeLeukocytes(rnd, w, h, d);
		double rbcRadius = 0.33 * d;
		List<double[]> redCells = placeRedCells(rnd, w, h, rbcRadius, leukocytes);
		progress.checkCancelled();

		progress.progress(0.1, "drawing");
		for (double[] c : redCells)
			drawRedCell(canvas, c, rnd);
		int platelets = (int) Math.round(w * (double) h / (d * d * 4));
		for (int i = 0; i < platelets; i++)
			drawPlatelet(canvas, rnd.nextDouble() * w, rnd.nextDouble() * h, d, rnd);
		float[] best = new float[w * h];
		Arrays.fill(best, Float.POSITIVE_INFINITY);
		for (Leukocyte l : leukocytes)
			l.draw(canvas, best);
		progress.checkCancelled();

		progress.progress(0.4, "optics");
		float[][] light = expose(canvas, rnd, s.seed());
		double sigma = Math.max(0.5, Math.min(3, d / 75));
		for (float[] channel : light)
			Blur.gaussian(channel, w, h, sigma);
		progress.checkCancelled();
		int[] argb = new int[w * h];
		for (int i = 0; i < argb.length; i++) {
			int r = clamp(light[0][i] + SENSOR_NOISE * rnd.nextGaussian());
			int g = clamp(light[1][i] + SENSOR_NOISE * rnd.nextGaussian());
			int b = clamp(light[2][i] + SENSOR_NOISE * rnd.nextGaussian());
			argb[i] = 0xff000000 | r << 16 | g << 8 | b;
		}
		progress.progress(0.8, "JPEG artefacts");
		ColorProcessor rgb = new ColorProcessor(w, h, jpegRoundTrip(argb, w, h));

		int[] area = new int[leukocytes.size() + 1], nucleusArea = new int[leukocytes.size() + 1];
		for (int i = 0; i < w * h; i++) {
			area[canvas.cells[i] & 0xffff]++;
			nucleusArea[canvas.nuclei[i] & 0xffff]++;
		}
		List<TrueCell> truth = new ArrayList<>();
		for (Leukocyte l : leukocytes)
			truth.add(new TrueCell(l.id, l.cellClass, l.cx, l.cy, 2 * l.radius, area[l.id], nucleusArea[l.id], l.lobes, l.touching, l.cutByBorder));
		progress.progress(1, "done");
		return new SyntheticField(rgb, canvas.cells, canvas.nuclei, List.copyOf(truth), s);
	}

	// ---------------------------------------------------------------- placement

	private static List<Leukocyte> placeLeukocytes(Random rnd, int w, int h, double d) {
		// About half the fields are leukaemic: blasts among all other types and more leukocytes than
		// usual; the others are normal: neutrophils, lymphocytes, monocytes and no blasts.
		boolean blastRich = rnd.nextBoolean();
		int wanted = Math.max(blastRich ? 6 : 4, (int) Math.round(w * (double) h / (d * d * (blastRich ? 14 : 24))));
		double[] weights = blastRich ? new double[] { 0.15, 0.15, 0.05, 0.65 } : new double[] { 0.5, 0.33, 0.17, 0 };
		List<CellClass> classes = new ArrayList<>(List.of(CellClass.NEUTROPHIL, CellClass.LYMPHOCYTE, CellClass.MONOCYTE));
		if (blastRich) classes.add(CellClass.BLAST);
		java.util.Collections.shuffle(classes, rnd);
		while (classes.size() < wanted)
			classes.add(pick(rnd, weights));
		int pairs = wanted >= 2 ? Math.max(1, wanted / 8) : 0;

		List<Leukocyte> placed = new ArrayList<>();
		for (int i = 0; i < classes.size(); i++) {
			CellClass c = classes.get(i);
			double r = 0.5 * d * c.relativeDiameter * (0.94 + 0.12 * rnd.nextDouble());
			boolean touchPrevious = i % 2 == 1 && i / 2 < pairs && !placed.isEmpty() && placed.get(placed.size() - 1).id == i;
			for (int attempt = 0; attempt < 400; attempt++) {
				double x, y;
				if (touchPrevious) {
					Leukocyte p = placed.get(placed.size() - 1);
					double a = rnd.nextDouble() * 2 * Math.PI, dist = (p.radius + r) * 0.96;
					x = p.cx + dist * StrictMath.cos(a);
					y = p.cy + dist * StrictMath.sin(a);
				}
				else {
					x = r + 2 + rnd.nextDouble() * (w - 2 * r - 4);
					y = r + 2 + rnd.nextDouble() * (h - 2 * r - 4);
				}
				if (x < r + 2 || y < r + 2 || x > w - r - 2 || y > h - r - 2) continue;
				boolean free = true;
				for (Leukocyte o : placed) {
					double gap = touchPrevious && o == placed.get(placed.size() - 1) ? 0 : 0.3 * d;
					if (Math.hypot(o.cx - x, o.cy - y) < o.radius + r + gap - (gap == 0 ? 0.05 * (o.radius + r) : 0)) {
						free = false;
						break;
					}
				}
				if (!free) continue;
				Leukocyte l = Leukocyte.create(placed.size() + 1, c, x, y, r, rnd);
				if (touchPrevious) {
					l.touching = true;
					placed.get(placed.size() - 1).touching = true;
				}
				placed.add(l);
				break;
			}
		}
		if (rnd.nextDouble() < 0.6) placeCutByBorder(rnd, w, h, d, placed, weights);
		return placed;
	}

	/** A leukocyte partly outside the field, as microscope fields often have one. */
	private static void placeCutByBorder(Random rnd, int w, int h, double d, List<Leukocyte> placed, double[] weights) {
		CellClass c = pick(rnd, weights);
		double r = 0.5 * d * c.relativeDiameter * (0.94 + 0.12 * rnd.nextDouble());
		for (int attempt = 0; attempt < 200; attempt++) {
			int side = rnd.nextInt(4);
			double inside = r * (0.2 + 0.5 * rnd.nextDouble()); // centre this far inside the edge
			double along = rnd.nextDouble();
			double x = side == 0 ? inside : side == 1 ? w - inside : along * w;
			double y = side == 2 ? inside : side == 3 ? h - inside : along * h;
			boolean free = true;
			for (Leukocyte o : placed)
				if (Math.hypot(o.cx - x, o.cy - y) < o.radius + r + 0.3 * d) free = false;
			if (!free) continue;
			Leukocyte l = Leukocyte.create(placed.size() + 1, c, x, y, r, rnd);
			l.cutByBorder = true;
			placed.add(l);
			return;
		}
	}

	private static CellClass pick(Random rnd, double[] weights) {
		double u = rnd.nextDouble();
		for (int i = 0; i < weights.length; i++) {
			u -= weights[i];
			if (u < 0) return CellClass.values()[i];
		}
		return CellClass.values()[weights.length - 1];
	}

	/** Red cells covering about half the field, mostly apart, some overlapping, none on a leukocyte. */
	private static List<double[]> placeRedCells(Random rnd, int w, int h, double radius, List<Leukocyte> leukocytes) {
		int wanted = (int) (0.5 * w * h / (Math.PI * radius * radius));
		List<double[]> cells = new ArrayList<>();
		double cellSize = 2 * radius;
		int gw = (int) (w / cellSize) + 3, gh = (int) (h / cellSize) + 3;
		List<List<double[]>> grid = new ArrayList<>(gw * gh);
		for (int i = 0; i < gw * gh; i++)
			grid.add(new ArrayList<>());
		for (int attempt = 0; attempt < 40 * wanted && cells.size() < wanted; attempt++) {
			double r = radius * (0.92 + 0.16 * rnd.nextDouble());
			double x = -r + rnd.nextDouble() * (w + 2 * r), y = -r + rnd.nextDouble() * (h + 2 * r);
			boolean overlapAllowed = rnd.nextDouble() < 0.15;
			boolean ok = true;
			for (Leukocyte l : leukocytes)
				if (Math.hypot(l.cx - x, l.cy - y) < l.radius * 1.08 + 0.9 * r) ok = false;
			int gx = (int) ((x + cellSize) / cellSize), gy = (int) ((y + cellSize) / cellSize);
			for (int yy = Math.max(0, gy - 1); ok && yy <= Math.min(gh - 1, gy + 1); yy++)
				for (int xx = Math.max(0, gx - 1); ok && xx <= Math.min(gw - 1, gx + 1); xx++)
					for (double[] o : grid.get(yy * gw + xx))
						if (Math.hypot(o[0] - x, o[1] - y) < (o[2] + r) * (overlapAllowed ? 0.62 : 0.9)) {
							ok = false;
							break;
						}
			if (!ok) continue;
			double[] c = { x, y, r, rnd.nextDouble() * Math.PI, 0.03 + 0.07 * rnd.nextDouble(), 0.85 + 0.3 * rnd.nextDouble(), rnd.nextLong() };
			cells.add(c);
			grid.get(Math.max(0, Math.min(gh - 1, gy)) * gw + Math.max(0, Math.min(gw - 1, gx))).add(c);
		}
		return cells;
	}

	// ---------------------------------------------------------------- drawing

	/** Optical density per channel, and the ground-truth labels. */
	static final class Canvas {
		final int w, h;
		final float[][] od;
		final short[] cells, nuclei;

		Canvas(int w, int h) {
			this.w = w;
			this.h = h;
			od = new float[3][w * h];
			cells = new short[w * h];
			nuclei = new short[w * h];
		}

		void add(int i, double[] colour, double amount) {
			od[0][i] += (float) (colour[0] * amount);
			od[1][i] += (float) (colour[1] * amount);
			od[2][i] += (float) (colour[2] * amount);
		}
	}

	/** Slightly elliptical disc, thinner in the middle (central pallor), a little darker at the rim. */
	private static void drawRedCell(Canvas cv, double[] c, Random rnd) {
		double x0 = c[0], y0 = c[1], r = c[2], angle = c[3], ecc = c[4], strength = c[5];
		long seed = (long) c[6];
		double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
		double a = r * (1 + ecc), b = r * (1 - ecc);
		int xmin = Math.max(0, (int) (x0 - a - 2)), xmax = Math.min(cv.w - 1, (int) (x0 + a + 2));
		int ymin = Math.max(0, (int) (y0 - a - 2)), ymax = Math.min(cv.h - 1, (int) (y0 + a + 2));
		for (int y = ymin; y <= ymax; y++)
			for (int x = xmin; x <= xmax; x++) {
				double dx = x + 0.5 - x0, dy = y + 0.5 - y0;
				double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
				double rho = Math.sqrt((u / a) * (u / a) + (v / b) * (v / b)); // 1 on the outline
				double coverage = clamp01(0.5 - (rho - 1) * b);
				if (coverage <= 0) continue;
				double thickness = 1 - 0.62 * StrictMath.exp(-(rho / 0.42) * (rho / 0.42)) + 0.18 * StrictMath.exp(-((rho - 0.86) / 0.11) * ((rho - 0.86) / 0.11));
				double texture = 1 + 0.1 * ValueNoise.fractal(seed, x, y, Math.max(2, r / 3));
				cv.add(y * cv.w + x, RED_CELL, coverage * thickness * strength * texture);
			}
	}

	/** A small irregular granular purple body with a pale halo. */
	private static void drawPlatelet(Canvas cv, double x0, double y0, double d, Random rnd) {
		double r = d * (0.03 + 0.025 * rnd.nextDouble());
		long seed = rnd.nextLong();
		double[] wobble = { rnd.nextDouble() * 0.25, rnd.nextDouble() * 6.3, rnd.nextDouble() * 0.15, rnd.nextDouble() * 6.3 };
		int reach = (int) (r * 2 + 3);
		for (int y = Math.max(0, (int) y0 - reach); y <= Math.min(cv.h - 1, (int) y0 + reach); y++)
			for (int x = Math.max(0, (int) x0 - reach); x <= Math.min(cv.w - 1, (int) x0 + reach); x++) {
				double dx = x + 0.5 - x0, dy = y + 0.5 - y0, rho = Math.sqrt(dx * dx + dy * dy);
				double t = StrictMath.atan2(dy, dx);
				double edge = r * (1 + wobble[0] * StrictMath.cos(2 * t + wobble[1]) + wobble[2] * StrictMath.cos(3 * t + wobble[3]));
				double core = clamp01(0.5 - (rho - edge)), halo = clamp01(0.5 - (rho - 1.6 * edge));
				if (halo <= 0) continue;
				double granules = 1 + 0.6 * ValueNoise.sample(seed, x, y, Math.max(1, r / 2.5));
				cv.add(y * cv.w + x, PLATELET, 0.25 * halo + 0.85 * core * granules);
			}
	}

	/** Light per channel: uneven illumination of a faintly tinted field, attenuated by the optical density. */
	private static float[][] expose(Canvas cv, Random rnd, long seed) {
		int w = cv.w, h = cv.h;
		// from neutral grey-pink to cream, as microscopes and stains differ
		double warmth = rnd.nextDouble();
		double[] white = { WHITE - 2 + 4 * rnd.nextDouble(), WHITE - 4 - 3 * warmth + 2 * rnd.nextDouble(), WHITE - 4 - 14 * warmth + 2 * rnd.nextDouble() };
		double direction = rnd.nextDouble() * 2 * Math.PI, tilt = 0.03 + 0.04 * rnd.nextDouble(), vignette = 0.04 + 0.04 * rnd.nextDouble();
		double stainStrength = 0.9 + 0.2 * rnd.nextDouble();
		double[] stain = new double[3];
		for (int c = 0; c < 3; c++)
			stain[c] = stainStrength * (0.93 + 0.14 * rnd.nextDouble()); // stain balance differs between labs
		double gx = StrictMath.cos(direction), gy = StrictMath.sin(direction), diag = Math.hypot(w, h) / 2;
		float[][] light = new float[3][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				double nx = (x - w / 2.0) / diag, ny = (y - h / 2.0) / diag;
				double illumination = 1 + tilt * (gx * nx + gy * ny) - vignette * (nx * nx + ny * ny);
				double plasma = 1 + 0.6 * ValueNoise.fractal(seed, x, y, 60);
				for (int c = 0; c < 3; c++)
					light[c][i] = (float) (white[c] * illumination * StrictMath.exp(-stain[c] * (cv.od[c][i] + PLASMA[c] * plasma)));
			}
		return light;
	}

	private static int[] jpegRoundTrip(int[] argb, int w, int h) {
		try {
			BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
			image.getRaster().setDataElements(0, 0, w, h, argb);
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
			try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
				writer.setOutput(out);
				ImageWriteParam param = writer.getDefaultWriteParam();
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(JPEG_QUALITY);
				writer.write(null, new IIOImage(image, null, null), param);
			}
			finally {
				writer.dispose();
			}
			BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
			return back.getRGB(0, 0, w, h, null, 0, w);
		}
		catch (IOException e) {
			throw new UncheckedIOException("JPEG encoder failed in memory", e);
		}
	}

	/** Scrambles the seed: java.util.Random's first draws for consecutive seeds are nearly equal. */
	static long mix(long seed) {
		long z = seed + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	static double[] od(int r, int g, int b) {
		return new double[] { StrictMath.log(WHITE / r), StrictMath.log(WHITE / g), StrictMath.log(WHITE / b) };
	}

	static double clamp01(double v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}

	private static int clamp(double v) {
		long r = Math.round(v);
		return r < 0 ? 0 : r > 255 ? 255 : (int) r;
	}

	// ---------------------------------------------------------------- leukocytes

	/** Signed distance (negative inside), approximately, in pixels. */
	@FunctionalInterface
	interface Shape {
		double sd(double x, double y);

		static Shape union(List<Shape> parts) {
			return (x, y) -> {
				double m = Double.POSITIVE_INFINITY;
				for (Shape s : parts)
					m = Math.min(m, s.sd(x, y));
				return m;
			};
		}

		static Shape ellipse(double cx, double cy, double a, double b, double angle) {
			double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle), m = Math.min(a, b);
			return (x, y) -> {
				double dx = x - cx, dy = y - cy, u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
				return (Math.sqrt((u / a) * (u / a) + (v / b) * (v / b)) - 1) * m;
			};
		}

		static Shape circle(double cx, double cy, double r) {
			return (x, y) -> Math.hypot(x - cx, y - cy) - r;
		}

		/** A strand of half-width {@code hw} from (x1,y1) to (x2,y2). */
		static Shape strand(double x1, double y1, double x2, double y2, double hw) {
			double vx = x2 - x1, vy = y2 - y1, len2 = vx * vx + vy * vy;
			return (x, y) -> {
				double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / len2));
				return Math.hypot(x - x1 - t * vx, y - y1 - t * vy) - hw;
			};
		}
	}

	static final class Leukocyte {
		final int id;
		final CellClass cellClass;
		final double cx, cy, radius;
		int lobes = 1;
		boolean touching, cutByBorder;
		Shape membrane, nucleus;
		double[] cytoplasmColour, nucleusColour;
		double cytoplasmTexture, cytoplasmGrain, chromatinTexture, chromatinGrain, strength;
		final List<double[]> vacuoles = new ArrayList<>(), nucleoli = new ArrayList<>();
		long seed;

		private Leukocyte(int id, CellClass c, double cx, double cy, double radius) {
			this.id = id;
			this.cellClass = c;
			this.cx = cx;
			this.cy = cy;
			this.radius = radius;
		}

		static Leukocyte create(int id, CellClass c, double cx, double cy, double r, Random rnd) {
			Leukocyte l = new Leukocyte(id, c, cx, cy, r);
			l.seed = rnd.nextLong();
			l.strength = 0.92 + 0.16 * rnd.nextDouble();
			double irregular = c == CellClass.MONOCYTE ? 2.5 : 1; // monocytes have ruffled outlines
			double e = 0.05 * rnd.nextDouble(), phase = rnd.nextDouble() * Math.PI;
			double[] k = { 0.02 * irregular * rnd.nextDouble(), rnd.nextDouble() * 6.3, 0.015 * irregular * rnd.nextDouble(), rnd.nextDouble() * 6.3 };
			l.membrane = (x, y) -> {
				double dx = x - cx, dy = y - cy, t = StrictMath.atan2(dy, dx);
				double edge = r * (1 + e * StrictMath.cos(2 * (t - phase)) + k[0] * StrictMath.cos(3 * t + k[1]) + k[2] * StrictMath.cos(5 * t + k[3]));
				return Math.sqrt(dx * dx + dy * dy) - edge;
			};
			double a = rnd.nextDouble() * 2 * Math.PI;
			switch (c) {
				case NEUTROPHIL -> {
					l.lobes = 3 + rnd.nextInt(3);
					double arc = 0.47 * r, span = (1.0 + 0.25 * (l.lobes - 3)) * Math.PI, lobe = r * (0.27 - 0.02 * (l.lobes - 3));
					List<Shape> parts = new ArrayList<>();
					double[] px = new double[l.lobes], py = new double[l.lobes];
					for (int i = 0; i < l.lobes; i++) {
						double t = a + span * i / (l.lobes - 1) + 0.12 * (rnd.nextDouble() - 0.5), rho = arc * (0.88 + 0.24 * rnd.nextDouble());
						px[i] = cx + rho * StrictMath.cos(t);
						py[i] = cy + rho * StrictMath.sin(t);
						double size = lobe * (0.9 + 0.2 * rnd.nextDouble());
						parts.add(Shape.ellipse(px[i], py[i], size * 1.1, size * 0.9, t + Math.PI / 2 + 0.4 * (rnd.nextDouble() - 0.5)));
						if (i > 0) parts.add(Shape.strand(px[i - 1], py[i - 1], px[i], py[i], Math.max(0.8, 0.04 * r)));
					}
					l.nucleus = Shape.union(parts);
					l.nucleusColour = NEUTROPHIL_NUCLEUS;
					l.chromatinTexture = 0.32;
					l.chromatinGrain = 0.09 * r;
					l.cytoplasmColour = NEUTROPHIL_CYTOPLASM;
					l.cytoplasmTexture = 0.5;
					l.cytoplasmGrain = Math.max(1.0, 0.035 * r);
				}
				case LYMPHOCYTE -> {
					double off = 0.1 * r, nr = 0.8 * r;
					l.nucleus = Shape.ellipse(cx + off * StrictMath.cos(a), cy + off * StrictMath.sin(a), nr * 1.03, nr * 0.97, rnd.nextDouble() * Math.PI);
					l.nucleusColour = DENSE_NUCLEUS;
					l.chromatinTexture = 0.38;
					l.chromatinGrain = 0.13 * r;
					l.cytoplasmColour = LYMPHOCYTE_CYTOPLASM;
					l.cytoplasmTexture = 0.1;
					l.cytoplasmGrain = 0.2 * r;
				}
				case MONOCYTE -> {
					double off = 0.12 * r, ncx = cx + off * StrictMath.cos(a), ncy = cy + off * StrictMath.sin(a);
					double na = 0.62 * r, nb = 0.46 * r, notch = 0.36 * r;
					double nx = ncx - (nb + 0.7 * notch) * StrictMath.cos(a), ny = ncy - (nb + 0.7 * notch) * StrictMath.sin(a);
					Shape bean = Shape.ellipse(ncx, ncy, na, nb, a + Math.PI / 2);
					l.nucleus = (x, y) -> Math.max(bean.sd(x, y), notch - Math.hypot(x - nx, y - ny));
					l.nucleusColour = MONOCYTE_NUCLEUS;
					l.chromatinTexture = 0.35;
					l.chromatinGrain = 0.08 * r;
					l.cytoplasmColour = MONOCYTE_CYTOPLASM;
					l.cytoplasmTexture = 0.15;
					l.cytoplasmGrain = Math.max(1.0, 0.05 * r);
					int n = 2 + rnd.nextInt(4);
					for (int i = 0; i < n; i++) {
						double t = rnd.nextDouble() * 2 * Math.PI, rho = r * (0.6 + 0.25 * rnd.nextDouble());
						l.vacuoles.add(new double[] { cx + rho * StrictMath.cos(t), cy + rho * StrictMath.sin(t), r * (0.04 + 0.04 * rnd.nextDouble()) });
					}
				}
				case BLAST -> {
					double off = 0.06 * r, nr = 0.84 * r, ncx = cx + off * StrictMath.cos(a), ncy = cy + off * StrictMath.sin(a);
					l.nucleus = Shape.ellipse(ncx, ncy, nr * 1.04, nr * 0.96, rnd.nextDouble() * Math.PI);
					l.nucleusColour = BLAST_NUCLEUS;
					l.chromatinTexture = 0.3;
					l.chromatinGrain = Math.max(1.0, 0.05 * r);
					l.cytoplasmColour = BLAST_CYTOPLASM;
					l.cytoplasmTexture = 0.08;
					l.cytoplasmGrain = 0.2 * r;
					int n = 1 + rnd.nextInt(3);
					for (int i = 0; i < n; i++) {
						double t = rnd.nextDouble() * 2 * Math.PI, rho = nr * 0.45 * rnd.nextDouble();
						l.nucleoli.add(new double[] { ncx + rho * StrictMath.cos(t), ncy + rho * StrictMath.sin(t), r * (0.11 + 0.06 * rnd.nextDouble()) });
					}
				}
			}
			return l;
		}

		/** Adds this cell's optical density; claims the label of pixels where it is the innermost cell. */
		void draw(Canvas cv, float[] best) {
			int reach = (int) (radius * 1.2 + 3);
			double rim = Math.max(1.5, 0.03 * radius);
			for (int y = Math.max(0, (int) cy - reach); y <= Math.min(cv.h - 1, (int) cy + reach); y++)
				for (int x = Math.max(0, (int) cx - reach); x <= Math.min(cv.w - 1, (int) cx + reach); x++) {
					double px = x + 0.5, py = y + 0.5;
					double cell = membrane.sd(px, py);
					double coverage = clamp01(0.5 - cell);
					if (coverage <= 0) continue;
					double nuc = Math.max(nucleus.sd(px, py), cell + rim); // the nucleus stays inside the cell
					double inNucleus = clamp01(0.5 - nuc);
					int i = y * cv.w + x;
					double cyto = strength * (1 + cytoplasmTexture * ValueNoise.fractal(seed, px, py, cytoplasmGrain));
					for (double[] v : vacuoles)
						cyto *= 1 - 0.7 * clamp01(0.5 - (Math.hypot(px - v[0], py - v[1]) - v[2]));
					double chromatin = strength * (1 + chromatinTexture * ValueNoise.fractal(seed + 1, px, py, chromatinGrain));
					double nucleolus = 0;
					for (double[] n : nucleoli)
						nucleolus = Math.max(nucleolus, clamp01(0.5 - (Math.hypot(px - n[0], py - n[1]) - n[2]) / (0.4 * n[2])));
					for (int c = 0; c < 3; c++) {
						double nucleusOd = chromatin * (nucleusColour[c] * (1 - nucleolus) + NUCLEOLUS[c] * nucleolus);
						cv.od[c][i] += (float) (coverage * ((1 - inNucleus) * cytoplasmColour[c] * cyto + inNucleus * nucleusOd));
					}
					if (cell < 0 && cell < best[i]) {
						best[i] = (float) cell;
						cv.cells[i] = (short) id;
						cv.nuclei[i] = nuc < 0 ? (short) id : 0;
					}
				}
		}
	}

	/** Separable Gaussian blur with clamped borders. */
	static final class Blur {
		private Blur() {}

		static void gaussian(float[] data, int w, int h, double sigma) {
			int r = (int) Math.ceil(3 * sigma);
			float[] k = new float[2 * r + 1];
			double sum = 0;
			for (int i = -r; i <= r; i++)
				sum += k[i + r] = (float) StrictMath.exp(-i * i / (2 * sigma * sigma));
			for (int i = 0; i < k.length; i++)
				k[i] /= (float) sum;
			float[] line = new float[Math.max(w, h)];
			for (int y = 0; y < h; y++) {
				System.arraycopy(data, y * w, line, 0, w);
				for (int x = 0; x < w; x++) {
					float s = 0;
					for (int j = -r; j <= r; j++)
						s += k[j + r] * line[Math.max(0, Math.min(w - 1, x + j))];
					data[y * w + x] = s;
				}
			}
			for (int x = 0; x < w; x++) {
				for (int y = 0; y < h; y++)
					line[y] = data[y * w + x];
				for (int y = 0; y < h; y++) {
					float s = 0;
					for (int j = -r; j <= r; j++)
						s += k[j + r] * line[Math.max(0, Math.min(h - 1, y + j))];
					data[y * w + x] = s;
				}
			}
		}
	}
}
