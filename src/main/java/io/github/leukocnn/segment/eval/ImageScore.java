package io.github.leukocnn.segment.eval;

/** One image's result in an evaluation: its name and a score (Dice, or F1 counts summarised). */
public record ImageScore(String name, double score, String detail) {}
