package io.github.leukocnn.report;

import java.util.List;
import java.util.Locale;

import io.github.leukocnn.stats.ConfusionMatrix;
import io.github.leukocnn.stats.Probabilities;

/**
 * The call of a field ({@link FieldReport}) or a slide ({@link SlideReport}): the class decided from
 * its probabilities and whether it is a leukaemia call. Without cells there is no call
 * ({@link #NO_CALL}): the probabilities are then only the model's prior, which would otherwise call
 * an empty field, or a field of red cells only, leukaemic.
 */
public interface Decision {

	/** The call and the leukaemia call of a field without cells, or of a slide without any. */
	String NO_CALL = "none";

	List<String> classes();

	/** The classes whose call is a leukaemia call (empty for a cell-type model). */
	List<String> positiveClasses();

	/** The model's operating point on P(leukaemia) (NaN = the call is the argmax). */
	double callThreshold();

	/** The call, an index into {@link #classes}; -1 without cells. */
	int callIndex();

	/** Whether the call is a positive class (false without cells). */
	boolean leukaemia();

	/** The class probabilities the call was decided from. */
	double[] callProbabilities();

	/** Whether there is a call: at least one cell was classified. */
	default boolean hasCall() {
		return callIndex() >= 0;
	}

	/** A class name, or {@link #NO_CALL}. */
	default String call() {
		return hasCall() ? classes().get(callIndex()) : NO_CALL;
	}

	/** The probability of the call (NaN without a call). */
	default double callProbability() {
		return hasCall() ? callProbabilities()[callIndex()] : Double.NaN;
	}

	/**
	 * P(leukaemia), the summed probability of the positive classes, which a call threshold decides
	 * by (NaN without a call or without positive classes).
	 */
	default double leukaemiaProbability() {
		if (!hasCall() || positiveClasses().isEmpty()) return Double.NaN;
		return Probabilities.positiveMass(callProbabilities(), ConfusionMatrix.positiveMask(classes(), positiveClasses()));
	}

	/**
	 * The call in words with the probability that decided it: "neutrophil (0.93)" for a cell-type
	 * model; with positive classes also P(leukaemia), and where a threshold decides, that
	 * comparison instead of the class's own probability ("benign, P(leukaemia) 0.750 < 0.779"),
	 * because the class called by a threshold may have a probability under 0.5, which alone would
	 * read as doubt where it is not; {@link #NO_CALL} without cells.
	 */
	default String describeCall() {
		if (!hasCall()) return NO_CALL;
		if (positiveClasses().isEmpty()) return String.format(Locale.ROOT, "%s (%.2f)", call(), callProbability());
		double p = leukaemiaProbability();
		if (Double.isNaN(callThreshold()))
			return String.format(Locale.ROOT, "%s (%.2f), P(leukaemia) %.2f", call(), callProbability(), p);
		// the comparison as the call came out (Probabilities.decide), not worked out a second time
		return String.format(Locale.ROOT, "%s, P(leukaemia) %.3f %s %.3f", call(), p, leukaemia() ? ">=" : "<", callThreshold());
	}

	/**
	 * Whether the model makes a leukaemia call at all: a cell-type model (no positive classes) does
	 * not, so "negative" ({@link #leukaemiaCall}) or "0% blasts" would suggest a result it cannot give.
	 */
	default boolean callsLeukaemia() {
		return !positiveClasses().isEmpty();
	}

	/**
	 * "positive", "negative" or {@link #NO_CALL}, as in images.csv and slide.csv: no call without
	 * cells, nor from a model without positive classes (its P(leukaemia) is NaN too).
	 */
	default String leukaemiaCall() {
		return !hasCall() || !callsLeukaemia() ? NO_CALL : leukaemia() ? ReportTables.POSITIVE : ReportTables.NEGATIVE;
	}
}
