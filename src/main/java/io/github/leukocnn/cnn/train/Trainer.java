package io.github.leukocnn.cnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.github.leukocnn.cnn.CnnCellClassifier;
import io.github.leukocnn.cnn.FieldAggregation;
import io.github.leukocnn.cnn.ModelCard;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.cnn.NetworkFactory;
import io.github.leukocnn.crop.CropNormalisation;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.report.TrainingHistory;
import io.github.leukocnn.stats.BinaryCounts;
import io.github.leukocnn.stats.CallThreshold;
import io.github.leukocnn.stats.Evaluation;
import io.github.leukocnn.stats.Interval;
import io.github.leukocnn.stats.Probabilities;
import io.github.leukocnn.stats.TemperatureScaling;

/**
 * Trains a LeukoCNN cell network on a decoded {@link TrainingData}: per-cell training with the
 * image's label (multiple-instance for fields), on-the-fly augmentation from cached context crops,
 * class weighting, early stopping on the validation block, periodic checkpoints with resume, then
 * temperature and field rule fitted on the validation block and a final evaluation on the test
 * block, which is never used for any choice. Usable from the CLI and from Fiji.
 */
public final class Trainer {

	/** What training produced: the network, its card (with test metrics) and the held-out scores. */
	public record Result(MultiLayerNetwork network, ModelCard card, HeldOutScores validation, HeldOutScores test,
		int epochs, double minutes) {}

	private final TrainingConfig config;
	private final PrintStream log;
	private final ProgressListener progress;
	private final Path historyCsv;

	public Trainer(TrainingConfig config, PrintStream log, ProgressListener progress) {
		this(config, log, progress, null);
	}

	/**
	 * @param historyCsv where the per-epoch {@link TrainingHistory} goes, rewritten after every epoch
	 *          (null = none); with resume its rows up to the resumed epoch are kept
	 */
	public Trainer(TrainingConfig config, PrintStream log, ProgressListener progress, Path historyCsv) {
		this.config = config;
		this.log = log;
		this.progress = progress == null ? ProgressListener.NONE : progress;
		this.historyCsv = historyCsv;
	}

	/** Trains and evaluates on a hold-out split; {@code template} gives name, classes, crop rule, citation. */
	public Result train(TrainingData data, Splits splits, ModelCard template) throws IOException {
		return train(data, splits, template, null);
	}

	/**
	 * As above, starting from {@code startParams} (the parameters of a network of the same shape and
	 * classes) instead of random weights; null = random. Classes without training cells are then
	 * allowed: the network keeps what it knew of them.
	 */
	public Result train(TrainingData data, Splits splits, ModelCard template, INDArray startParams) throws IOException {
		long t0 = System.nanoTime();
		List<String> classes = data.classes();
		int k = classes.size();
		positives(template, classes); // refuses unknown positive classes before any training
		int size = template.cropSize(), ctx = TrainingData.contextSize(size);
		// flatten training cells
		List<int[]> trainCells = new ArrayList<>();
		List<Integer> trainLabels = new ArrayList<>();
		List<Integer> itemOfCell = new ArrayList<>();
		for (int ii = 0; ii < splits.train().size(); ii++) {
			TrainingItem it = splits.train().get(ii);
			for (int[] c : it.cells()) {
				trainCells.add(c);
				trainLabels.add(it.label());
				itemOfCell.add(ii);
			}
		}
		if (trainCells.isEmpty()) throw new IOException("the training block holds no cells");
		// one crop per image, so that a second data set's colours reach every class in proportion to its images, not its cells
		List<double[]> colourDonors = config.augmenter().colourTransfer() == 0 ? List.of() : splits.train().stream()
			.filter(it -> !it.cells().isEmpty()).map(it -> Augmenter.channelStatistics(it.cells().get(0))).toList();
		int[] count = new int[k];
		for (int l : trainLabels) count[l]++;
		int present = 0;
		for (int c = 0; c < k; c++) {
			if (count[c] > 0) present++;
			else if (startParams == null) throw new IOException("class '" + classes.get(c) + "' has no cells in the training block");
		}
		float[] weights = new float[k];
		List<Double> prior = new ArrayList<>();
		for (int c = 0; c < k; c++) {
			weights[c] = config.classWeights() && count[c] > 0 ? (float) trainCells.size() / (present * count[c]) : 1f;
			prior.add((double) count[c] / trainCells.size());
		}
		log.printf(Locale.ROOT, "classes %s%ntraining cells per class %s (images: train %d, validation %d, test %d)%nclass weights %s%n",
			classes, java.util.Arrays.toString(count), splits.train().size(), splits.validation().size(), splits.test().size(),
			java.util.Arrays.toString(weights));

		MultiLayerNetwork net = NetworkFactory.build(size, k, config.channels(), config.dense(), config.learningRate(),
			config.lrDecay(), weights, config.seed());
		log.printf(Locale.ROOT, "network: %d parameters, input 3x%dx%d%n", net.numParams(), size, size);
		if (startParams != null) {
			if (startParams.length() != net.numParams()) throw new IllegalArgumentException("the start network has " +
				startParams.length() + " parameters, this network " + net.numParams() + ": not the same shape and classes");
			net.setParams(startParams); // copied into the network's own parameter array
		}
		int startEpoch = 0, bestEpoch = -1, stale = 0;
		double bestScore = Double.NEGATIVE_INFINITY;
		INDArray bestParams = null;
		// moving average of the weights (Polyak): validated, kept and shipped instead of the last weights
		INDArray average = null;
		Path cp = config.checkpointDir();
		if (cp != null) Files.createDirectories(cp);
		if (config.resume() && cp != null && Files.exists(cp.resolve("last.zip"))) {
			net = ModelSerializer.restoreMultiLayerNetwork(cp.resolve("last.zip").toFile(), true);
			Map<String, String> st = readState(cp.resolve("state.properties"));
			startEpoch = Integer.parseInt(st.get("epoch")) + 1;
			bestEpoch = Integer.parseInt(st.get("bestEpoch"));
			bestScore = Double.parseDouble(st.get("bestScore"));
			stale = Integer.parseInt(st.get("stale"));
			if (Files.exists(cp.resolve("best.zip")))
				bestParams = ModelSerializer.restoreMultiLayerNetwork(cp.resolve("best.zip").toFile(), false).params().dup();
			if (config.weightAveraging() > 0 && Files.exists(cp.resolve(AVERAGE_FILE)))
				average = Nd4j.readBinary(cp.resolve(AVERAGE_FILE).toFile());
			log.printf(Locale.ROOT, "resumed from %s at epoch %d (best epoch %d, score %.4f)%n", cp, startEpoch + 1, bestEpoch + 1, bestScore);
		}
		else if (config.resume()) log.println("no checkpoint to resume in " + cp + ": starting afresh");
		log.printf(Locale.ROOT, "fast training layers: %d%n", FastTrainingLayers.install(net));
		TrainingHistory history = startHistory(startEpoch);

		INDArray bnSample = recalibrationSample(trainCells, trainLabels, k, template, ctx, config.seed());
		int bs = config.batchSize();
		int batches = trainCells.size() / bs;
		if (batches == 0) throw new IOException("fewer training cells (" + trainCells.size() + ") than one batch (" + bs + ")");
		float[] xs = new float[bs * 3 * size * size];
		CropNormalisation normalisation = template.cropNormalisation(); // looked up once, applied per crop
		float[] ys = new float[bs * k];
		INDArray x = Nd4j.create(DataType.FLOAT, bs, 3, size, size), y = Nd4j.create(DataType.FLOAT, bs, k);
		Mixup mixup = config.mixup() > 0 ? new Mixup(config.mixup(), bs, 3 * size * size, k) : null;
		long trainStart = System.nanoTime();
		int epochsRun = 0, epoch = startEpoch;
		MultiLayerNetwork averaged = null;
		for (; epoch < config.maxEpochs(); epoch++) {
			SplittableRandom rnd = new SplittableRandom(config.seed() * 1_000_003L + epoch);
			int[] order = epochSamples(itemOfCell, config.cellsPerImage(), rnd);
			batches = order.length / bs;
			net.setEpochCount(epoch); // drives the learning-rate schedule
			long te = System.nanoTime();
			double lossSum = 0;
			for (int b = 0; b < batches; b++) {
				progress.checkCancelled();
				for (int i = 0; i < bs; i++) {
					int s = order[b * bs + i];
					config.augmenter().apply(trainCells.get(s), ctx, size, rnd, xs, i * 3 * size * size, colourDonors);
					normalisation.apply(xs, i * 3 * size * size, size);
					target(ys, i, k, trainLabels.get(s), config.labelSmoothing());
				}
				if (mixup != null) mixup.apply(xs, ys, rnd);
				x.data().asNioFloat().put(0, xs, 0, xs.length);
				y.data().asNioFloat().put(0, ys, 0, ys.length);
				net.fit(new DataSet(x, y));
				lossSum += net.score();
				if (config.weightAveraging() > 0) average = updateAverage(average, net.params(), config.weightAveraging());
				if (b % 10 == 0) {
					double done = (epoch - startEpoch + (b + 1.0) / batches);
					double perEpoch = (System.nanoTime() - trainStart) / 1e9 / done;
					double eta = perEpoch * (config.maxEpochs() - epoch - (b + 1.0) / batches);
					progress.progress((epoch + (b + 1.0) / batches) / config.maxEpochs(), String.format(
						"epoch %d/%d batch %d/%d loss %.3f, ETA <= %s", epoch + 1, config.maxEpochs(), b + 1, batches,
						lossSum / (b + 1), minutes(eta)));
				}
			}
			epochsRun++;
			io.github.leukocnn.cnn.BatchNormRecalibration.recalibrate(net, bnSample);
			MultiLayerNetwork validated = net;
			if (average != null) {
				// one copy for the whole run: only its parameters change from epoch to epoch
				if (averaged == null) {
					averaged = net.clone();
					FastTrainingLayers.install(averaged);
				}
				averaged.setParams(average);
				io.github.leukocnn.cnn.BatchNormRecalibration.recalibrate(averaged, bnSample);
				validated = averaged;
			}
			ModelCard provisional = template.withCalibration(1, FieldAggregation.MEAN_LOG.name(), Map.of());
			provisional = withPrior(provisional, prior);
			HeldOutScores val;
			try (CnnCellClassifier probe = new CnnCellClassifier(new ModelFile.Model(validated, provisional), 128)) {
				val = score(probe, splits.validation(), k);
			}
			// balanced (mean per-class recall), so the minority benign class weighs as much as the blasts
			double score = val.itemBalancedAccuracy() - 0.01 * HeldOutScores.nll(val.cellTruth(), val.cellProbabilities());
			boolean better = score > bestScore;
			if (better) {
				bestScore = score;
				bestEpoch = epoch;
				bestParams = validated.params().dup();
				stale = 0;
			}
			else stale++;
			double elapsed = (System.nanoTime() - t0) / 6e10;
			log.printf(Locale.ROOT, "epoch %d: train loss %.4f, validation image acc %.4f balanced %.4f cell acc %.4f cell NLL %.4f%s (%.0f s, %.1f min total)%n",
				epoch + 1, lossSum / batches, val.itemAccuracy(), val.itemBalancedAccuracy(), val.cellAccuracy(),
				HeldOutScores.nll(val.cellTruth(), val.cellProbabilities()), better ? " *best*" : "",
				(System.nanoTime() - te) / 1e9, elapsed);
			log.flush();
			if (historyCsv != null) {
				history = history.plus(new TrainingHistory.Epoch(epoch + 1, lossSum / batches,
					HeldOutScores.nll(val.cellTruth(), val.cellProbabilities()), val.itemAccuracy()));
				history.write(historyCsv);
			}
			if (cp != null) checkpoint(net, bestParams, average, cp, epoch, bestEpoch, bestScore, stale);
			if (stale >= config.patience()) {
				log.printf(Locale.ROOT, "early stop: no validation improvement for %d epochs%n", stale);
				break;
			}
			if (elapsed > config.maxMinutes()) {
				log.printf(Locale.ROOT, "time budget of %.0f min used up: stopping after epoch %d%n", config.maxMinutes(), epoch + 1);
				break;
			}
		}
		if (bestParams != null) net.setParams(bestParams);
		io.github.leukocnn.cnn.BatchNormRecalibration.recalibrate(net, bnSample);
		log.printf(Locale.ROOT, "best epoch %d%n", bestEpoch + 1);

		Calibrated done = calibrateAndScore(List.of(net), withPrior(template, prior), splits, log);
		double minutes = (System.nanoTime() - t0) / 6e10;
		Map<String, Object> training = new java.util.LinkedHashMap<>(); // ordered: the card's JSON is the same each run
		training.put("training_minutes", Math.round(minutes * 10) / 10.0);
		training.put("epochs", epochsRun + startEpoch);
		training.put("best_epoch", bestEpoch + 1);
		ModelCard card = done.cardWith(training);
		log.printf(Locale.ROOT, "field rule: %s; TEST block: %s%n", card.fieldAggregation(), card.metrics());
		return new Result(net, card, done.validation(), done.test(), epochsRun + startEpoch, minutes);
	}

	/** Writes the training target of sample {@code i} into {@code ys}: one-hot, or label-smoothed by {@code smoothing}. */
	static void target(float[] ys, int i, int k, int label, double smoothing) {
		java.util.Arrays.fill(ys, i * k, (i + 1) * k, (float) (smoothing / k));
		ys[i * k + label] = (float) (1 - smoothing + smoothing / k);
	}

	/** Networks calibrated on the validation block, with their scores on both held-out blocks. */
	public record Calibrated(ModelCard card, HeldOutScores validation, HeldOutScores test) {

		/** The card with {@code extra} metrics (e.g. training time) after the test block's. */
		public ModelCard cardWith(Map<String, Object> extra) {
			Map<String, Object> metrics = new java.util.LinkedHashMap<>(card.metrics());
			metrics.putAll(extra);
			return card.withMetrics(metrics);
		}
	}

	/**
	 * Calibrates {@code networks} (one, or an ensemble's members) on the validation block
	 * ({@link #calibrate}) and scores the validation and test blocks with the result; the card's
	 * metrics become the test block's {@link #summary}.
	 */
	public static Calibrated calibrateAndScore(List<MultiLayerNetwork> networks, ModelCard card, Splits splits, PrintStream log) {
		int k = card.classes().size();
		// calibration and field rule: validation block only
		card = calibrate(networks, card, splits.validation(), log);
		HeldOutScores val, test;
		try (CnnCellClassifier clf = new CnnCellClassifier(new ModelFile.Model(networks, card), 128)) {
			val = score(clf, splits.validation(), k);
			test = score(clf, splits.test(), k);
		}
		Map<String, Object> metrics = summary(test, card.classes(), positives(card, card.classes()), card.callThresholdOrNaN());
		metrics.put("split", splits.testBlock());
		return new Calibrated(card.withMetrics(metrics), val, test);
	}

	/** The history a run starting at (0-based) {@code startEpoch} continues: the earlier rows of a resumed run. */
	private TrainingHistory startHistory(int startEpoch) throws IOException {
		if (historyCsv == null) return new TrainingHistory(List.of());
		Files.createDirectories(historyCsv.toAbsolutePath().getParent());
		if (startEpoch == 0 || !Files.exists(historyCsv)) return new TrainingHistory(List.of());
		TrainingHistory h = TrainingHistory.read(historyCsv).upTo(startEpoch);
		log.printf(Locale.ROOT, "continuing training history %s (%d epochs)%n", historyCsv, h.epochs().size());
		return h;
	}

	/**
	 * Held-out numbers for the card and report, from io.github.leukocnn.stats: image (field) accuracy
	 * with Wilson 95% interval, balanced accuracy, macro-F1, the leukaemia call (accuracy,
	 * sensitivity, specificity with Wilson intervals, ROC AUC with bootstrap interval), calibration
	 * error, and per-cell accuracy against the inherited label. Image classes and the call are
	 * decided with {@code callThreshold} (NaN = argmax), as classify decides them.
	 */
	public static Map<String, Object> summary(HeldOutScores s, List<String> classes, boolean[] positive, double callThreshold) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("split", "test block (last 20% of each class by file number), never used for training or tuning");
		m.put("images", s.itemTruth().length);
		m.put("cells", s.cellTruth().length);
		m.put("images_without_cells", s.emptyItems());
		List<String> pos = new ArrayList<>();
		for (int c = 0; c < classes.size(); c++) if (positive[c]) pos.add(classes.get(c));
		Evaluation e = Evaluation.of(classes, pos, s.itemTruth(), toDouble(s.itemProbabilities()), null, null, callThreshold);
		Interval acc = e.confusion().accuracyInterval();
		m.put("image_accuracy", round(acc.estimate()));
		m.put("image_accuracy_ci95", List.of(round(acc.low()), round(acc.high())));
		m.put("balanced_accuracy", round(e.confusion().balancedAccuracy()));
		m.put("macro_f1", round(e.confusion().macroF1()));
		if (!pos.isEmpty()) {
			BinaryCounts b = e.binary();
			if (!Double.isNaN(callThreshold)) m.put("call_threshold", round(callThreshold));
			m.put("call_accuracy", round(b.accuracy().estimate()));
			m.put("call_accuracy_ci95", List.of(round(b.accuracy().low()), round(b.accuracy().high())));
			m.put("sensitivity", round(b.sensitivity().estimate()));
			m.put("sensitivity_ci95", List.of(round(b.sensitivity().low()), round(b.sensitivity().high())));
			m.put("specificity", round(b.specificity().estimate()));
			m.put("specificity_ci95", List.of(round(b.specificity().low()), round(b.specificity().high())));
			m.put("tp_fn_tn_fp", List.of(b.truePositives(), b.falseNegatives(), b.trueNegatives(), b.falsePositives()));
			if (e.roc() != null) {
				m.put("call_auc", round(e.auc().estimate()));
				m.put("call_auc_ci95_bootstrap", List.of(round(e.auc().low()), round(e.auc().high())));
			}
		}
		m.put("expected_calibration_error", round(e.calibration().ece()));
		m.put("nll", round(e.negativeLogLikelihood()));
		m.put("cell_accuracy_vs_inherited_label", round(s.cellAccuracy()));
		return m;
	}

	static double round(double v) {
		return Math.round(v * 1e5) / 1e5;
	}

	/**
	 * Fits the temperature on the validation cells, chooses the field rule on the validation
	 * images (all three rules for fields, MEAN_LOG for single cells) and, when the model has a
	 * leukaemia call, fits its threshold on the validation images' P(positive) by Youden's J
	 * ({@link CallThreshold}); for fields it also fits a temperature of the field probabilities
	 * (before the threshold, which is fitted on the calibrated ones); returns the card with all.
	 */
	public static ModelCard calibrate(List<MultiLayerNetwork> networks, ModelCard card, List<TrainingItem> validation,
		PrintStream log)
	{
		int k = card.classes().size();
		boolean[] positive = positives(card, card.classes());
		card = card.withCalibration(1, FieldAggregation.MEAN_LOG.name(), card.metrics() == null ? Map.of() : card.metrics());
		// the network runs once; temperature, field rule, field temperature and threshold only re-aggregate
		HeldOutScores valRaw;
		try (CnnCellClassifier clf = new CnnCellClassifier(new ModelFile.Model(networks, card), 128)) {
			valRaw = score(clf, validation, k);
		}
		double temperature = fitTemperature(valRaw.cellTruth(), valRaw.cellProbabilities());
		log.printf(Locale.ROOT, "temperature fitted on validation cells: %.3f%n", temperature);
		int[] cellT = valRaw.cellTruth();
		float[][] cellP = new float[cellT.length][];
		for (int i = 0; i < cellP.length; i++) cellP[i] = valRaw.cellProbabilities()[i].clone();
		CnnCellClassifier.calibrate(cellP, temperature);
		FieldAggregation bestRule = FieldAggregation.MEAN_LOG;
		double bestRuleScore = Double.NEGATIVE_INFINITY;
		boolean fields = validation.stream().anyMatch(i -> i.cells().size() > 1);
		for (FieldAggregation rule : fields ? FieldAggregation.values() : new FieldAggregation[] { FieldAggregation.MEAN_LOG }) {
			ModelCard c = card.withCalibration(temperature, rule.name(), card.metrics());
			HeldOutScores v = aggregate(fieldRule(networks, c), validation, cellT, cellP);
			Map<String, Double> bin = v.binary(positive);
			double s = v.itemAccuracy() + (bin.isEmpty() ? 0 : bin.get("call_accuracy")) - 1e-3 * HeldOutScores.nll(v.itemTruth(), v.itemProbabilities());
			log.printf(Locale.ROOT, "field rule %s on validation: image acc %.4f%s%n", rule, v.itemAccuracy(), bin.isEmpty() ? "" :
				String.format(Locale.ROOT, ", call acc %.4f sens %.4f spec %.4f", bin.get("call_accuracy"), bin.get("sensitivity"), bin.get("specificity")));
			if (s > bestRuleScore) {
				bestRuleScore = s;
				bestRule = rule;
			}
		}
		card = card.withCalibration(temperature, bestRule.name(), card.metrics()).withCallThreshold(null).withFieldTemperature(null);
		if (fields) {
			// the field rule averages calibrated cells, which leaves fields mis-calibrated: a second temperature for them
			HeldOutScores vf = aggregate(fieldRule(networks, card), validation, cellT, cellP);
			double fieldTemperature = fitTemperature(vf.itemTruth(), vf.itemProbabilities());
			log.printf(Locale.ROOT, "field temperature fitted on validation images: %.3f%n", fieldTemperature);
			card = card.withFieldTemperature(fieldTemperature);
		}
		int positives = 0;
		for (boolean b : positive) if (b) positives++;
		if (positives == 0 || positives == k) return card;
		HeldOutScores v = aggregate(fieldRule(networks, card), validation, cellT, cellP);
		double[][] fieldP = toDouble(v.itemProbabilities());
		double[] callScore = new double[fieldP.length];
		boolean[] truth = new boolean[callScore.length];
		for (int i = 0; i < callScore.length; i++) {
			callScore[i] = Probabilities.positiveMass(fieldP[i], positive);
			truth[i] = positive[v.itemTruth()[i]];
		}
		double threshold = Math.round(CallThreshold.youden(callScore, truth) * 1e4) / 1e4;
		log.printf(Locale.ROOT, "call threshold on P(positive) fitted on validation images (Youden's J): %.4f%n", threshold);
		return card.withCallThreshold(threshold);
	}

	/** A classifier used only for its card's field rule: no inference copy of the network is made. */
	private static CnnCellClassifier fieldRule(List<MultiLayerNetwork> networks, ModelCard card) {
		return new CnnCellClassifier(new ModelFile.Model(networks, card), 1, false);
	}

	/** Scores every image of {@code items}: cell probabilities (batched) and the field rule. */
	public static HeldOutScores score(CnnCellClassifier clf, List<TrainingItem> items, int k) {
		int size = clf.card().cropSize(), ctx = TrainingData.contextSize(size);
		int total = items.stream().mapToInt(i -> i.cells().size()).sum();
		float[][] cellP = new float[total][];
		int[] cellT = new int[total];
		int n = 0, fill = 0;
		float[] buf = clf.buffer();
		int per = 3 * size * size;
		for (TrainingItem it : items)
			for (int[] c : it.cells()) {
				Augmenter.NONE.apply(c, ctx, size, null, buf, fill * per);
				cellT[n + fill] = it.label();
				if (++fill == clf.batchSize()) {
					System.arraycopy(clf.classifyBuffered(fill), 0, cellP, n, fill);
					n += fill;
					fill = 0;
				}
			}
		if (fill > 0) System.arraycopy(clf.classifyBuffered(fill), 0, cellP, n, fill);
		return aggregate(clf, items, cellT, cellP);
	}

	/**
	 * The field rule of {@code clf}'s card over cell probabilities already computed (in the order
	 * of the items' cells): what changes between calibration candidates, without the network.
	 */
	static HeldOutScores aggregate(CnnCellClassifier clf, List<TrainingItem> items, int[] cellT, float[][] cellP) {
		int[] itemT = new int[items.size()];
		float[][] itemP = new float[items.size()][];
		int at = 0, empty = 0;
		for (int i = 0; i < items.size(); i++) {
			int m = items.get(i).cells().size();
			float[][] cells = java.util.Arrays.copyOfRange(cellP, at, at + m);
			at += m;
			if (m == 0) empty++;
			itemT[i] = items.get(i).label();
			itemP[i] = clf.aggregateField(cells);
		}
		return new HeldOutScores(itemT, itemP, cellT, cellP, empty);
	}

	/** Temperature minimising the cell NLL on the validation block (io.github.leukocnn.stats.TemperatureScaling). */
	static double fitTemperature(int[] truth, float[][] p) {
		double t = TemperatureScaling.fit(TemperatureScaling.logits(toDouble(p)), truth);
		return Math.round(t * 1000) / 1000.0;
	}

	static double[][] toDouble(float[][] p) {
		double[][] d = new double[p.length][];
		for (int i = 0; i < p.length; i++) {
			d[i] = new double[p[i].length];
			for (int j = 0; j < p[i].length; j++) d[i][j] = p[i][j];
		}
		return d;
	}

	public static boolean[] positiveMask(ModelCard card) {
		return positives(card, card.classes());
	}

	static boolean[] positives(ModelCard card, List<String> classes) {
		boolean[] pos = new boolean[classes.size()];
		if (card.positiveClasses() != null)
			for (String p : card.positiveClasses()) {
				int i = classes.indexOf(p);
				if (i < 0) throw new IllegalArgumentException("positive class '" + p + "' is not one of the classes " + classes);
				pos[i] = true;
			}
		return pos;
	}

	static ModelCard withPrior(ModelCard c, List<Double> prior) {
		return new ModelCard(c.name(), c.formatVersion(), c.leukoCnnVersion(), c.description(), c.classes(), c.positiveClasses(),
			c.cropSize(), c.cellFraction(), c.singleCellRule(), c.normalisation(), c.temperature(), c.fieldAggregation(), prior,
			c.trainingData(), c.citation(), c.trainingCommand(), c.metrics(), c.seed(), c.date(), c.weightsSha256(), c.callThreshold(), c.fieldTemperature(),
			c.memberSha256(), c.fieldScale());
	}

	/** Un-augmented crops of up to 384 random training cells (seeded), for batch-norm recalibration. */
	public static INDArray recalibrationSample(List<TrainingItem> train, ModelCard card, long seed) {
		List<int[]> cells = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		for (TrainingItem it : train)
			for (int[] c : it.cells()) {
				cells.add(c);
				labels.add(it.label());
			}
		return recalibrationSample(cells, labels, card.classes().size(), card, TrainingData.contextSize(card.cropSize()), seed);
	}

	static INDArray recalibrationSample(List<int[]> cells, List<Integer> labels, int k, ModelCard card, int ctx, long seed) {
		int size = card.cropSize(), per = 3 * size * size;
		CropNormalisation normalisation = card.cropNormalisation();
		int n = Math.min(384, cells.size());
		int[] pick = shuffled(cells.size(), new SplittableRandom(seed ^ 0x5DEECE66DL));
		float[] buf = new float[n * per];
		for (int i = 0; i < n; i++) {
			Augmenter.NONE.apply(cells.get(pick[i]), ctx, size, null, buf, i * per);
			normalisation.apply(buf, i * per, size);
		}
		return Nd4j.create(buf, new long[] { n, 3, size, size });
	}

	/**
	 * This epoch's training cells in random order: all of them, or at most {@code perImage} random
	 * cells of each image (fields with many cells then do not dominate, and epochs stay short).
	 */
	static int[] epochSamples(List<Integer> itemOfCell, int perImage, SplittableRandom rnd) {
		int[] all = shuffled(itemOfCell.size(), rnd);
		if (perImage <= 0) return all;
		java.util.Map<Integer, Integer> taken = new java.util.HashMap<>();
		int[] out = new int[all.length];
		int n = 0;
		for (int s : all) {
			int t = taken.merge(itemOfCell.get(s), 1, Integer::sum);
			if (t <= perImage) out[n++] = s;
		}
		return java.util.Arrays.copyOf(out, n);
	}

	private static int[] shuffled(int n, SplittableRandom rnd) {
		int[] a = new int[n];
		for (int i = 0; i < n; i++) a[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}

	private static void checkpoint(MultiLayerNetwork net, INDArray bestParams, INDArray average, Path dir, int epoch, int bestEpoch,
		double bestScore, int stale) throws IOException
	{
		if (average != null) {
			Path ta = dir.resolve(AVERAGE_FILE + ".part");
			Nd4j.saveBinary(average, ta.toFile());
			Files.move(ta, dir.resolve(AVERAGE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		Path tmp = dir.resolve("last.zip.part");
		ModelSerializer.writeModel(net, tmp.toFile(), true);
		Files.move(tmp, dir.resolve("last.zip"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		if (bestEpoch == epoch && bestParams != null) {
			MultiLayerNetwork best = net.clone();
			best.setParams(bestParams);
			Path t2 = dir.resolve("best.zip.part");
			ModelSerializer.writeModel(best, t2.toFile(), false);
			Files.move(t2, dir.resolve("best.zip"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		String state = "epoch=" + epoch + "\nbestEpoch=" + bestEpoch + "\nbestScore=" + bestScore + "\nstale=" + stale + "\n";
		Path t3 = dir.resolve("state.properties.part");
		Files.writeString(t3, state, StandardCharsets.UTF_8);
		Files.move(t3, dir.resolve("state.properties"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Checkpoint file of the moving average of the weights. */
	static final String AVERAGE_FILE = "average.bin";

	/** {@code average ← decay·average + (1 − decay)·params}; the first call starts it at {@code params}. */
	static INDArray updateAverage(INDArray average, INDArray params, double decay) {
		if (average == null) return params.dup();
		return average.muli(decay).addi(params.mul(1 - decay));
	}

	private static Map<String, String> readState(Path p) throws IOException {
		Map<String, String> m = new LinkedHashMap<>();
		if (!Files.exists(p)) throw new IOException("checkpoint state " + p + " is missing: cannot resume");
		for (String line : Files.readAllLines(p)) {
			int eq = line.indexOf('=');
			if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
		}
		return m;
	}

	private static String minutes(double seconds) {
		return String.format(Locale.ROOT, "%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
	}
}
