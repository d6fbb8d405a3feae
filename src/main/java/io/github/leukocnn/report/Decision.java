package io.github.leukocnn.report;

import java.util.List;

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

	/** "positive", "negative" or {@link #NO_CALL}, as in images.csv and slide.csv. */
	default String leukaemiaCall() {
		return !hasCall() ? NO_CALL : leukaemia() ? ReportTables.POSITIVE : ReportTables.NEGATIVE;
	}
}
