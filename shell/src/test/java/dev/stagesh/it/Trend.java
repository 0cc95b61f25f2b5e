package dev.stagesh.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a quantity grows with use, judged from many samples rather than two: the Theil-Sen slope (the median of
 * the slopes between every pair of samples), which one noisy sample (a GC that ran late, a reader container
 * mid-removal) cannot move, as it moves a first-versus-last comparison.
 */
record Trend(List<double[]> samples) {
    Trend() {
        this(new ArrayList<>());
    }

    void add(double x, double y) {
        samples.add(new double[] {x, y});
    }

    /** Growth per unit of x (per cycle, per session). */
    double slope() {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                double dx = samples.get(j)[0] - samples.get(i)[0];
                if (dx != 0) {
                    slopes.add((samples.get(j)[1] - samples.get(i)[1]) / dx);
                }
            }
        }
        if (slopes.isEmpty()) {
            throw new AssertionError("a trend needs two samples at different x, got " + samples.size());
        }
        slopes.sort(null);
        int n = slopes.size();
        return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
    }

    /** How much the quantity grew from the first sample to the last. */
    double growth() {
        if (samples.isEmpty()) {
            throw new AssertionError("a trend's growth needs samples");
        }
        return samples.get(samples.size() - 1)[1] - samples.get(0)[1];
    }

    /**
     * Growth per unit of x that is steady: the smaller of the Theil-Sen slope and the median of the steps
     * between consecutive samples. A leak grows at every step and moves both; a one-off level shift (a pool
     * or cache filled once, late) moves the Theil-Sen slope of a short series but not the median step.
     */
    double steadySlope() {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            double dx = samples.get(i)[0] - samples.get(i - 1)[0];
            if (dx != 0) {
                steps.add((samples.get(i)[1] - samples.get(i - 1)[1]) / dx);
            }
        }
        double theilSen = slope();
        if (steps.isEmpty()) {
            return theilSen;
        }
        steps.sort(null);
        int n = steps.size();
        double medianStep = n % 2 == 1 ? steps.get(n / 2) : (steps.get(n / 2 - 1) + steps.get(n / 2)) / 2;
        return Math.min(theilSen, medianStep);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("slope %.3f (steady %.3f) per unit over %d samples:", slope(),
                steadySlope(), samples.size()));
        samples.forEach(p -> s.append(String.format(" (%.0f, %.0f)", p[0], p[1])));
        return s.toString();
    }
}
