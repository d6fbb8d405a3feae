package io.github.leukocnn.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.leukocnn.stats.BinaryCounts;
import io.github.leukocnn.stats.BootstrapAuc;
import io.github.leukocnn.stats.Calibration;
import io.github.leukocnn.stats.ConfusionMatrix;
import io.github.leukocnn.stats.Evaluation;
import io.github.leukocnn.stats.Interval;
import io.github.leukocnn.stats.RocCurve;

/**
 * The content of the {@code evaluate} outputs, as text and rows (writing them is
 * {@link EvaluationWriter}'s job):
 * <ul>
 * <li>metrics.json: everything, nested; NaN (undefined) as null;</li>
 * <li>metrics.csv: columns metric,value,ci_low,ci_high, one row per number (long format, easy
 * to merge across runs);</li>
 * <li>confusion.csv: true_class, pred_&lt;class&gt;…, total;</li>
 * <li>roc.csv: threshold, false_positive_rate, true_positive_rate.</li>
 * </ul>
 */
public final class EvaluationTables {

	public static final List<String> METRICS_HEADER = List.of("metric", "value", "ci_low", "ci_high");
	public static final List<String> ROC_HEADER = List.of("threshold", "false_positive_rate", "true_positive_rate");

	private EvaluationTables() {}

	public static String json(Evaluation e, String source) {
		Map<String, Object> m = new LinkedHashMap<>();
		ConfusionMatrix cm = e.confusion();
		m.put("source", source);
		m.put("cases", e.count());
		m.put("classes", e.classes());
		m.put("positive_classes", e.positiveClasses());
		m.put("accuracy", interval(cm.accuracyInterval()));
		m.put("balanced_accuracy", cm.balancedAccuracy());
		m.put("macro_f1", cm.macroF1());
		List<Object> perClass = new ArrayList<>();
		for (int c = 0; c < cm.classCount(); c++) {
			Map<String, Object> k = new LinkedHashMap<>();
			k.put("class", cm.classes().get(c));
			k.put("support", cm.support(c));
			k.put("predicted", cm.predictedCount(c));
			k.put("precision", cm.precision(c));
			k.put("recall", cm.recall(c));
			k.put("f1", cm.f1(c));
			perClass.add(k);
		}
		m.put("per_class", perClass);
		if (e.roc() != null) {
			BinaryCounts b = e.binary();
			Map<String, Object> bin = new LinkedHashMap<>();
			bin.put("rule", e.hasCallThreshold()
				? "positive when P(positive_classes) >= call_threshold (the model's, fitted on its validation block); ROC score = P(positive_classes)"
				: "positive when the argmax class is one of positive_classes; ROC score = sum of their probabilities");
			if (e.hasCallThreshold()) bin.put("call_threshold", e.callThreshold());
			bin.put("true_positives", b.truePositives());
			bin.put("false_positives", b.falsePositives());
			bin.put("true_negatives", b.trueNegatives());
			bin.put("false_negatives", b.falseNegatives());
			bin.put("sensitivity", interval(b.sensitivity()));
			bin.put("specificity", interval(b.specificity()));
			bin.put("positive_predictive_value", interval(b.precision()));
			bin.put("negative_predictive_value", interval(b.negativePredictiveValue()));
			bin.put("accuracy", interval(b.accuracy()));
			bin.put("balanced_accuracy", b.balancedAccuracy());
			bin.put("f1", b.f1());
			Map<String, Object> auc = interval(e.auc());
			auc.put("ci_method", "stratified percentile bootstrap, " + BootstrapAuc.DEFAULT_RESAMPLES + " resamples, seed " + BootstrapAuc.DEFAULT_SEED);
			bin.put("roc_auc", auc);
			RocCurve roc = e.roc();
			int y = roc.youdenIndex();
			Map<String, Object> youden = new LinkedHashMap<>();
			youden.put("threshold", roc.thresholds()[y]);
			youden.put("sensitivity", roc.truePositiveRates()[y]);
			youden.put("specificity", 1 - roc.falsePositiveRates()[y]);
			bin.put("youden_point", youden);
			Map<String, Object> pc = new LinkedHashMap<>();
			pc.put("ece", e.positiveCalibration().ece());
			pc.put("mce", e.positiveCalibration().mce());
			pc.put("reliability", bins(e.positiveCalibration()));
			bin.put("calibration_of_positive_probability", pc);
			m.put("binary", bin);
		}
		Map<String, Object> cal = new LinkedHashMap<>();
		cal.put("bins", e.calibration().bins().size());
		cal.put("ece", e.calibration().ece());
		cal.put("mce", e.calibration().mce());
		cal.put("nll", e.negativeLogLikelihood());
		cal.put("temperature", e.temperature());
		if (e.calibrationScaled() != null) {
			cal.put("ece_scaled", e.calibrationScaled().ece());
			cal.put("mce_scaled", e.calibrationScaled().mce());
			cal.put("nll_scaled", e.negativeLogLikelihoodScaled());
		}
		else cal.put("note", "no validation set given: temperature not fitted");
		cal.put("reliability", bins(e.calibration()));
		if (e.calibrationScaled() != null) cal.put("reliability_scaled", bins(e.calibrationScaled()));
		m.put("calibration", cal);
		List<Object> rows = new ArrayList<>();
		for (int t = 0; t < cm.classCount(); t++) {
			long[] row = new long[cm.classCount()];
			for (int p = 0; p < row.length; p++)
				row[p] = cm.count(t, p);
			rows.add(row);
		}
		Map<String, Object> confusion = new LinkedHashMap<>(); // not Map.of: its order changes between JVM runs
		confusion.put("rows", "true class");
		confusion.put("columns", "predicted class");
		confusion.put("counts", rows);
		m.put("confusion_matrix", confusion);
		return Json.write(m);
	}

	private static Map<String, Object> interval(Interval i) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("estimate", i.estimate());
		m.put("ci_low", i.low());
		m.put("ci_high", i.high());
		return m;
	}

	private static List<Object> bins(Calibration c) {
		List<Object> list = new ArrayList<>();
		for (Calibration.Bin b : c.bins()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("lower", b.lower());
			m.put("upper", b.upper());
			m.put("count", b.count());
			m.put("confidence", b.meanConfidence());
			m.put("accuracy", b.frequency());
			list.add(m);
		}
		return list;
	}

	public static List<Object[]> metricsRows(Evaluation e) {
		List<Object[]> rows = new ArrayList<>();
		ConfusionMatrix cm = e.confusion();
		rows.add(row("cases", e.count()));
		rows.add(row("accuracy", cm.accuracyInterval()));
		rows.add(row("balanced_accuracy", cm.balancedAccuracy()));
		rows.add(row("macro_f1", cm.macroF1()));
		if (e.roc() != null) {
			BinaryCounts b = e.binary();
			rows.add(row("sensitivity", b.sensitivity()));
			rows.add(row("specificity", b.specificity()));
			rows.add(row("positive_predictive_value", b.precision()));
			rows.add(row("negative_predictive_value", b.negativePredictiveValue()));
			rows.add(row("binary_accuracy", b.accuracy()));
			rows.add(row("binary_balanced_accuracy", b.balancedAccuracy()));
			rows.add(row("roc_auc", e.auc()));
			rows.add(row("ece_positive", e.positiveCalibration().ece()));
		}
		rows.add(row("ece", e.calibration().ece()));
		rows.add(row("nll", e.negativeLogLikelihood()));
		rows.add(row("temperature", e.temperature()));
		if (e.calibrationScaled() != null) {
			rows.add(row("ece_scaled", e.calibrationScaled().ece()));
			rows.add(row("nll_scaled", e.negativeLogLikelihoodScaled()));
		}
		for (int c = 0; c < cm.classCount(); c++) {
			String name = cm.classes().get(c);
			rows.add(row("support_" + name, cm.support(c)));
			rows.add(row("precision_" + name, cm.precision(c)));
			rows.add(row("recall_" + name, cm.recall(c)));
			rows.add(row("f1_" + name, cm.f1(c)));
		}
		return rows;
	}

	private static Object[] row(String name, Interval i) {
		return new Object[] { name, i.estimate(), i.low(), i.high() };
	}

	private static Object[] row(String name, double v) {
		return new Object[] { name, v, null, null };
	}

	private static Object[] row(String name, long v) {
		return new Object[] { name, v, null, null };
	}

	public static List<String> confusionHeader(List<String> classes) {
		List<String> h = new ArrayList<>();
		h.add("true_class");
		for (String c : classes)
			h.add("pred_" + c);
		h.add("total");
		return h;
	}

	public static List<Object[]> confusionRows(ConfusionMatrix cm) {
		List<Object[]> rows = new ArrayList<>();
		for (int t = 0; t < cm.classCount(); t++) {
			Object[] r = new Object[cm.classCount() + 2];
			r[0] = cm.classes().get(t);
			for (int p = 0; p < cm.classCount(); p++)
				r[p + 1] = cm.count(t, p);
			r[r.length - 1] = cm.support(t);
			rows.add(r);
		}
		return rows;
	}

	public static List<Object[]> rocRows(RocCurve roc) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < roc.thresholds().length; i++)
			rows.add(new Object[] { roc.thresholds()[i], roc.falsePositiveRates()[i], roc.truePositiveRates()[i] });
		return rows;
	}
}
