package dev.stagesh.engine;

/** Which step of which stage an instruction is: {@code step} counts from 1, the FROM. */
record StepPlace(String stage, int step) {
    /** As messages name it: "stage 1 (tools) step 2". */
    String where() {
        return stage + " step " + step;
    }
}
