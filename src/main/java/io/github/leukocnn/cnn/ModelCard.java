package io.github.leukocnn.cnn;

import java.util.List;
import java.util.Map;

import io.github.leukocnn.crop.CropNormalisation;
import io.github.leukocnn.crop.CropSpec;
import io.github.leukocnn.crop.FieldCropScale;

/**
 * What a LeukoCNN model file says about its network: everything needed to use it correctly
 * (classes, crop rule, normalisation, calibration, field rule) and to judge it (training data,
 * citation, its held-out metrics, seed, date, weights checksum). Stored as {@code card.json}.
 *
 * @param formatVersion version of this card/file layout, see {@link ModelFile#FORMAT_VERSION}
 * @param cropSize network input side in pixels
 * @param cellFraction cell diameter / crop side (the scale rule)
 * @param singleCellRule how a single-cell image is cropped: "whole-image" (the centred square of
 *          the image's shorter side is the crop), "estimate" (cell diameter from the stain, by
 *          {@link io.github.leukocnn.crop.SingleCellSize#estimateDiameter}) or "segmented-cell" (the
 *          diameter of the segmented cell nearest the centre,
 *          {@link io.github.leukocnn.crop.SingleCellSize#segmentedDiameter})
 * @param normalisation input normalisation; "rgb/255" = planar RGB scaled to 0..1; "rgb/255, white-balanced
 *          per crop" = then each channel divided by its 95th percentile
 * @param temperature calibration temperature: probabilities are softmax(logits / temperature)
 * @param fieldAggregation multiple-instance rule from cells to field, a {@link FieldAggregation} name
 * @param prior class probabilities of a field without cells (training class frequencies)
 * @param metrics held-out metrics of this model (name -> value)
 * @param weightsSha256 SHA-256 (hex) of the network entry of the model file
 * @param callThreshold operating point of the leukaemia call on the field's P(positive classes),
 *          fitted on the validation block ({@link io.github.leukocnn.stats.CallThreshold}); null
 *          (older cards, models without positive classes) = the field call is the argmax
 * @param fieldTemperature calibration temperature of the field probabilities after the field rule
 *          (averaging cells makes fields under- or over-confident), fitted on the validation
 *          images; null (older cards, single-cell models) = 1
 * @param memberSha256 for an ensemble ({@link ModelFile#ENSEMBLE_FORMAT_VERSION}): the SHA-256 of
 *          each member network entry, in order; null = one network
 * @param fieldScale what sizes the crops of a field's cells, one of {@link FieldCropScale#RULES}; null
 *          (older cards) = {@link FieldCropScale#SEGMENTATION}
 */
public record ModelCard(
	String name,
	int formatVersion,
	String leukoCnnVersion,
	String description,
	List<String> classes,
	List<String> positiveClasses,
	int cropSize,
	double cellFraction,
	String singleCellRule,
	String normalisation,
	double temperature,
	String fieldAggregation,
	List<Double> prior,
	String trainingData,
	String citation,
	String trainingCommand,
	Map<String, Object> metrics,
	long seed,
	String date,
	String weightsSha256,
	Double callThreshold,
	Double fieldTemperature,
	List<String> memberSha256,
	String fieldScale)
{
	/** A card of one network. */
	public ModelCard(String name, int formatVersion, String leukoCnnVersion, String description, List<String> classes,
		List<String> positiveClasses, int cropSize, double cellFraction, String singleCellRule, String normalisation,
		double temperature, String fieldAggregation, List<Double> prior, String trainingData, String citation,
		String trainingCommand, Map<String, Object> metrics, long seed, String date, String weightsSha256, Double callThreshold,
		Double fieldTemperature)
	{
		this(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize, cellFraction, singleCellRule,
			normalisation, temperature, fieldAggregation, prior, trainingData, citation, trainingCommand, metrics, seed, date,
			weightsSha256, callThreshold, fieldTemperature, null, null);
	}

	/** A card of one network without a field temperature. */
	public ModelCard(String name, int formatVersion, String leukoCnnVersion, String description, List<String> classes,
		List<String> positiveClasses, int cropSize, double cellFraction, String singleCellRule, String normalisation,
		double temperature, String fieldAggregation, List<Double> prior, String trainingData, String citation,
		String trainingCommand, Map<String, Object> metrics, long seed, String date, String weightsSha256, Double callThreshold)
	{
		this(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize, cellFraction, singleCellRule,
			normalisation, temperature, fieldAggregation, prior, trainingData, citation, trainingCommand, metrics, seed, date,
			weightsSha256, callThreshold, null);
	}

	public static final String WHOLE_IMAGE = "whole-image", ESTIMATE = "estimate", SEGMENTED_CELL = "segmented-cell",
		RGB_UNIT = CropNormalisation.RGB.cardValue, WHITE_BALANCED = CropNormalisation.WHITE_BALANCE.cardValue;

	/** The accepted {@link #singleCellRule}s. */
	public static final List<String> SINGLE_CELL_RULES = List.of(WHOLE_IMAGE, ESTIMATE, SEGMENTED_CELL);

	/** {@code rule} if it is one of {@link #SINGLE_CELL_RULES}; otherwise refused, naming them. */
	public static String checkSingleCellRule(String rule) {
		if (!SINGLE_CELL_RULES.contains(rule))
			throw new IllegalArgumentException("single-cell-rule must be one of " + String.join(", ", SINGLE_CELL_RULES) + ", got '" + rule + "'");
		return rule;
	}

	/** How crops are normalised before the network; null for an unknown {@link #normalisation} (refused on loading). */
	public CropNormalisation cropNormalisation() {
		return CropNormalisation.ofCard(normalisation);
	}

	/** {@link #callThreshold} as a number: NaN when the card has none (argmax decisions). */
	public double callThresholdOrNaN() {
		return callThreshold == null ? Double.NaN : callThreshold;
	}

	public CropSpec cropSpec() {
		return new CropSpec(cropSize, cellFraction);
	}

	/**
	 * The card signed for the networks written: {@code sha[0]} the first (or only) network's
	 * checksum, all of them as {@link #memberSha256} for an ensemble, with the oldest format version
	 * that can hold it (so older LeukoCNN versions read what they can use, and refuse the rest).
	 */
	public ModelCard withNetworkChecksums(List<String> sha) {
		boolean ensemble = sha.size() > 1;
		int version = !FieldCropScale.SEGMENTATION.equals(fieldScaleRule()) ? ModelFile.FIELD_SCALE_FORMAT_VERSION
			: ensemble ? ModelFile.ENSEMBLE_FORMAT_VERSION : ModelFile.SINGLE_NETWORK_FORMAT_VERSION;
		return new ModelCard(name, version,
			leukoCnnVersion, description, classes, positiveClasses, cropSize, cellFraction, singleCellRule, normalisation,
			temperature, fieldAggregation, prior, trainingData, citation, trainingCommand, metrics, seed, date, sha.get(0),
			callThreshold, fieldTemperature, ensemble ? List.copyOf(sha) : null, fieldScale);
	}

	/** This card with other classes (null = none yet: loading images then takes the class folders as they are). */
	public ModelCard withClasses(List<String> c) {
		return new ModelCard(name, formatVersion, leukoCnnVersion, description, c, positiveClasses, cropSize, cellFraction,
			singleCellRule, normalisation, temperature, fieldAggregation, prior, trainingData, citation, trainingCommand, metrics, seed,
			date, weightsSha256, callThreshold, fieldTemperature, memberSha256, fieldScale);
	}

	public ModelCard withCalibration(double t, String aggregation, Map<String, Object> m) {
		return new ModelCard(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize,
			cellFraction, singleCellRule, normalisation, t, aggregation, prior, trainingData, citation,
			trainingCommand, m, seed, date, weightsSha256, callThreshold, fieldTemperature, memberSha256, fieldScale);
	}

	public ModelCard withMetrics(Map<String, Object> m) {
		return withCalibration(temperature, fieldAggregation, m);
	}

	/** @param threshold null = argmax decisions */
	public ModelCard withCallThreshold(Double threshold) {
		return new ModelCard(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize,
			cellFraction, singleCellRule, normalisation, temperature, fieldAggregation, prior, trainingData, citation,
			trainingCommand, metrics, seed, date, weightsSha256, threshold, fieldTemperature, memberSha256, fieldScale);
	}

	/** @param t null = 1 (field probabilities as the field rule gives them) */
	public ModelCard withFieldTemperature(Double t) {
		return new ModelCard(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize,
			cellFraction, singleCellRule, normalisation, temperature, fieldAggregation, prior, trainingData, citation,
			trainingCommand, metrics, seed, date, weightsSha256, callThreshold, t, memberSha256, fieldScale);
	}

	/** Number of networks the model file holds (1, or the members of an ensemble). */
	public int networkCount() {
		return memberSha256 == null ? 1 : memberSha256.size();
	}

	/** This card with crops of field cells sized by {@code rule} (one of {@link FieldCropScale#RULES}). */
	public ModelCard withFieldScale(String rule) {
		return new ModelCard(name, formatVersion, leukoCnnVersion, description, classes, positiveClasses, cropSize,
			cellFraction, singleCellRule, normalisation, temperature, fieldAggregation, prior, trainingData, citation,
			trainingCommand, metrics, seed, date, weightsSha256, callThreshold, fieldTemperature, memberSha256, rule);
	}

	/** {@link #fieldScale}, {@link FieldCropScale#SEGMENTATION} when the card has none. */
	public String fieldScaleRule() {
		return fieldScale == null ? FieldCropScale.SEGMENTATION : fieldScale;
	}

	/** {@link #fieldTemperature} as a number: 1 when the card has none. */
	public double fieldTemperatureOrOne() {
		return fieldTemperature == null ? 1 : fieldTemperature;
	}
}
