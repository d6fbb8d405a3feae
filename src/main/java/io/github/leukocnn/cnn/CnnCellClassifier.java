package io.github.leukocnn.cnn;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.CropNormalisation;
import io.github.leukocnn.crop.CropSpec;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.crop.SingleCellSize;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.Segmenters;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/**
 * The DL4J implementation of {@link CellClassifier}: crops each cell by the model card's rule into a
 * preallocated batch, runs the network in batches, and calibrates with the card's temperature.
 * An ensemble runs each member on the same crops and averages their log-probabilities (a
 * normalised geometric mean of the members' probabilities) before the temperature.
 * The network runs through its {@link InferenceNetwork} copy (batch norm folded, all cores), made
 * here and checked against the DL4J network on probe crops; a network of another shape, or a copy
 * that disagrees, runs through DL4J. The copy is taken now: a network changed later (training)
 * needs a new classifier. Instances are not shared between threads (one batch buffer each);
 * methods are synchronized.
 */
public final class CnnCellClassifier implements CellClassifier, AutoCloseable {

	public static final int DEFAULT_BATCH = 64;
	/** Largest difference in any probability allowed between the inference copy and DL4J on the probe. */
	static final double INFERENCE_TOLERANCE = 1e-4;

	private final List<MultiLayerNetwork> networks;
	private final ModelCard card;
	private final CropSpec spec;
	private final int batch;
	private final float[] buffer;
	private final INDArray input;
	private final float[] prior;
	private final boolean[] positive;
	private final FieldAggregation aggregation;
	private final CropNormalisation normalisation;
	/** Per network: its fast inference copy, or null (DL4J runs it). */
	private final InferenceNetwork[] inference;

	public CnnCellClassifier(ModelFile.Model model) {
		this(model, DEFAULT_BATCH);
	}

	public CnnCellClassifier(ModelFile.Model model, int batch) {
		this(model, batch, true);
	}

	/** @param inferenceCopy false = always run the DL4J network (for speed comparisons) */
	public CnnCellClassifier(ModelFile.Model model, int batch, boolean inferenceCopy) {
		this.networks = model.networks();
		this.card = model.card();
		this.spec = card.cropSpec();
		this.batch = batch;
		this.buffer = new float[batch * spec.floats()];
		int k = card.classes().size();
		prior = new float[k];
		for (int j = 0; j < k; j++) prior[j] = card.prior() != null && card.prior().size() == k ? card.prior().get(j).floatValue() : 1f / k;
		positive = new boolean[k];
		for (int j = 0; j < k; j++) positive[j] = card.positiveClasses() != null && card.positiveClasses().contains(card.classes().get(j));
		aggregation = FieldAggregation.valueOf(card.fieldAggregation());
		normalisation = card.cropNormalisation();
		inference = new InferenceNetwork[networks.size()];
		for (int m = 0; m < inference.length; m++)
			inference[m] = inferenceCopy ? checkedCopy(networks.get(m), spec.size(), batch) : null;
		input = usesInferenceCopy() ? null : Nd4j.create(DataType.FLOAT, batch, 3, spec.size(), spec.size());
	}

	/**
	 * The inference copy of {@code network}, if it has the supported shape and gives the same
	 * probabilities as DL4J (within {@value #INFERENCE_TOLERANCE}) on a few seeded random crops.
	 */
	static InferenceNetwork checkedCopy(MultiLayerNetwork network, int size, int batch) {
		InferenceNetwork copy = InferenceNetwork.of(network, size, batch, Runtime.getRuntime().availableProcessors());
		if (copy == null) return null;
		int n = Math.min(batch, 3);
		float[] probe = new float[n * 3 * size * size];
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
		for (int i = 0; i < probe.length; i++) probe[i] = (float) rnd.nextDouble();
		float[][] expected = network.output(Nd4j.create(probe, new long[] { n, 3, size, size }), false).toFloatMatrix();
		float[][] got = copy.output(probe, n);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < expected[i].length; j++)
				if (!(Math.abs(expected[i][j] - got[i][j]) <= INFERENCE_TOLERANCE)) {
					copy.close();
					return null;
				}
		return copy;
	}

	/**
	 * Frees the native memory of the inference copies and the DL4J batch now (see
	 * {@link InferenceNetwork#close()}); the networks themselves belong to the caller and stay
	 * usable. For classifiers made again and again, such as the trainer's one per epoch.
	 */
	@Override
	public synchronized void close() {
		for (InferenceNetwork copy : inference) if (copy != null) copy.close();
		InferenceNetwork.release(input);
	}

	/** Whether every network runs through its {@link InferenceNetwork} copy. */
	public boolean usesInferenceCopy() {
		for (InferenceNetwork copy : inference) if (copy == null) return false;
		return true;
	}

	/** Loads a shipped model by name or a model file by path. */
	public static CnnCellClassifier load(String nameOrPath) throws IOException {
		return new CnnCellClassifier(ModelFile.load(nameOrPath));
	}

	public ModelCard card() {
		return card;
	}

	/** Number of networks run per crop (ensemble members; 1 for a single network). */
	public int networkCount() {
		return networks.size();
	}

	@Override
	public List<String> classes() {
		return card.classes();
	}

	@Override
	public double callThreshold() {
		return card.callThresholdOrNaN();
	}

	@Override
	public Set<String> positiveClasses() {
		return card.positiveClasses() == null ? Set.of() : new LinkedHashSet<>(card.positiveClasses());
	}

	@Override
	public synchronized float[][] classifyCells(RandomAccessibleInterval<ARGBType> rgb, Segmentation segmentation,
		ProgressListener progress)
	{
		List<CellMeasurements> cells = segmentation.measurements();
		if (cells.isEmpty()) return new float[0][]; // nothing to crop: no pixel copy, no red-cell ruler
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		int[] argb = pixels(rgb);
		double diameter = FieldCropScale.cropDiameter(card.fieldScaleRule(), argb, w, h, segmentation.cellDiameter());
		float[][] out = new float[cells.size()][];
		for (int start = 0; start < cells.size(); start += batch) {
			progress.checkCancelled();
			int n = Math.min(batch, cells.size() - start), first = start;
			// cropping runs in the inference workers, in parallel
			float[][] p = run(n, i -> {
				CellMeasurements m = cells.get(first + i);
				CellCropper.crop(argb, w, h, m.centroidX(), m.centroidY(), diameter, spec, buffer, i * spec.floats());
			});
			System.arraycopy(p, 0, out, start, n);
			progress.progress((double) (start + n) / cells.size(), "classified " + (start + n) + "/" + cells.size() + " cells");
		}
		return out;
	}

	@Override
	public synchronized float[] classifySingleCell(RandomAccessibleInterval<ARGBType> rgb) {
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		int[] argb = pixels(rgb);
		cropSingleCell(argb, w, h, card, buffer, 0);
		return run(1, null)[0];
	}

	/** The single-cell crop rule of {@code card}, shared by training and inference. */
	public static void cropSingleCell(int[] argb, int w, int h, ModelCard card, float[] dest, int offset) {
		CellCropper.crop(argb, w, h, (w - 1) / 2.0, (h - 1) / 2.0, singleCellDiameter(argb, w, h, card), card.cropSpec(),
			dest, offset);
	}

	/** The diameter of the one centred cell of a single-cell image, by the card's single-cell rule. */
	public static double singleCellDiameter(int[] argb, int w, int h, ModelCard card) {
		return switch (card.singleCellRule()) {
			case ModelCard.ESTIMATE -> SingleCellSize.estimateDiameter(argb, w, h);
			case ModelCard.SEGMENTED_CELL -> SingleCellSize.segmentedDiameter(argb, w, h, Segmenters.standard());
			default -> Math.min(w, h) * card.cellFraction();
		};
	}

	/** Probabilities of crops already written into the first {@code n} slots of {@link #buffer()}. */
	public synchronized float[][] classifyBuffered(int n) {
		return run(n, null);
	}

	/** The batch buffer (planar RGB crops, 0..1), for callers that crop themselves. */
	public float[] buffer() {
		return buffer;
	}

	public int batchSize() {
		return batch;
	}

	/**
	 * Probabilities of {@code n} crops: {@code crop.accept(i)} (if not null) first writes crop i
	 * into the buffer, then the card's normalisation, the network(s) and the temperature follow.
	 */
	private float[][] run(int n, IntConsumer crop) {
		int floats = spec.floats(), size = spec.size();
		boolean normalise = normalisation != CropNormalisation.RGB;
		IntConsumer prepare = crop == null && !normalise ? null : i -> {
			if (crop != null) crop.accept(i);
			normalisation.apply(buffer, i * floats, size);
		};
		if (networks.size() == 1) return calibrate(member(0, n, prepare), card.temperature());
		// the crops are prepared once, by the first member's pass
		float[][][] members = new float[networks.size()][][];
		for (int m = 0; m < members.length; m++) members[m] = member(m, n, m == 0 ? prepare : null);
		return calibrate(geometricMean(members), card.temperature());
	}

	/** Uncalibrated probabilities of network {@code m} for the first {@code n} crops of the buffer. */
	private float[][] member(int m, int n, IntConsumer prepare) {
		if (inference[m] != null) return inference[m].output(buffer, n, prepare);
		if (prepare != null) for (int i = 0; i < n; i++) prepare.accept(i);
		input.data().asNioFloat().put(0, buffer, 0, buffer.length);
		INDArray x = n == batch ? input : input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
		return networks.get(m).output(x, false).toFloatMatrix();
	}

	/**
	 * The ensemble's probabilities: softmax of the mean log-probability over members (for softmax
	 * outputs, the same as averaging the members' logits), per crop.
	 */
	static float[][] geometricMean(float[][][] members) {
		int n = members[0].length, k = members[0][0].length;
		float[][] out = new float[n][k];
		double[] z = new double[k];
		for (int i = 0; i < n; i++) {
			java.util.Arrays.fill(z, 0);
			for (float[][] member : members)
				for (int j = 0; j < k; j++) z[j] += Math.log(Math.max(member[i][j], 1e-12)) / members.length;
			double max = Double.NEGATIVE_INFINITY, sum = 0;
			for (double v : z) max = Math.max(max, v);
			for (int j = 0; j < k; j++) sum += z[j] = Math.exp(z[j] - max);
			for (int j = 0; j < k; j++) out[i][j] = (float) (z[j] / sum);
		}
		return out;
	}

	/** softmax(log p / T): temperature scaling applied to softmax outputs (log p = logits + const). */
	public static float[][] calibrate(float[][] p, double temperature) {
		if (temperature == 1 || temperature <= 0) return p;
		for (float[] row : p) {
			double max = Double.NEGATIVE_INFINITY;
			double[] z = new double[row.length];
			for (int j = 0; j < row.length; j++) {
				z[j] = Math.log(Math.max(row[j], 1e-12)) / temperature;
				max = Math.max(max, z[j]);
			}
			double sum = 0;
			for (int j = 0; j < row.length; j++) sum += z[j] = Math.exp(z[j] - max);
			for (int j = 0; j < row.length; j++) row[j] = (float) (z[j] / sum);
		}
		return p;
	}

	@Override
	public float[] aggregateField(float[][] cellProbabilities) {
		float[] field = aggregation.aggregate(cellProbabilities, prior, positive);
		// a field without cells keeps the prior: there is nothing to calibrate
		return cellProbabilities.length == 0 ? field : calibrate(new float[][] { field }, card.fieldTemperatureOrOne())[0];
	}

	/** Probability that a field with these class probabilities is positive (sum over positive classes). */
	public float positiveProbability(float[] classProbabilities) {
		float s = 0;
		for (int j = 0; j < positive.length; j++) if (positive[j]) s += classProbabilities[j];
		return s;
	}

	/** The packed ARGB pixels of {@code rgb}: the backing array of an ArrayImg, else a copy. */
	@SuppressWarnings("unchecked")
	public static int[] pixels(RandomAccessibleInterval<ARGBType> rgb) {
		if (rgb instanceof ArrayImg<?, ?> img && img.update(null) instanceof IntArray a && rgb.min(0) == 0 && rgb.min(1) == 0)
			return a.getCurrentStorageArray();
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		int[] out = new int[w * h];
		int i = 0;
		for (ARGBType t : Views.flatIterable(rgb)) out[i++] = t.get();
		return out;
	}
}
