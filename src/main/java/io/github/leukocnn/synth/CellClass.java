package io.github.leukocnn.synth;

import java.util.Locale;

/** Leukocyte types drawn by the {@link SmearSynthesizer}. */
public enum CellClass {
	/** Segmented neutrophil: 3-5 nuclear lobes joined by thin strands, granular pink-lilac cytoplasm. */
	NEUTROPHIL(1.0),
	/** Small lymphocyte: round dense nucleus filling most of the cell, thin pale-blue rim. */
	LYMPHOCYTE(0.78),
	/** Monocyte: large cell, kidney-shaped lacy nucleus, grey-blue cytoplasm with vacuoles. */
	MONOCYTE(1.2),
	/** Blast: large round nucleus with fine chromatin and nucleoli, high N:C, scant basophilic cytoplasm. */
	BLAST(1.08);

	/** Diameter relative to the nominal leukocyte diameter of the field. */
	public final double relativeDiameter;

	CellClass(double relativeDiameter) {
		this.relativeDiameter = relativeDiameter;
	}

	/** Lower-case name as written in ground-truth tables, e.g. "neutrophil". */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}
