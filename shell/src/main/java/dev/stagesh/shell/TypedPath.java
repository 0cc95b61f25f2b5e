package dev.stagesh.shell;

/**
 * Spells paths found under an operand the way the user typed the operand, as {@code find} and
 * {@code grep -r} print them: {@code find app} prints {@code app/x}, not {@code /work/app/x}.
 */
final class TypedPath {
    private TypedPath() {}

    /**
     * @param typed    the operand as typed ({@code app}, {@code ./app/}, {@code /etc})
     * @param root     the absolute, clean path the operand names
     * @param found    an absolute, clean path at or under {@code root}
     */
    static String respell(String typed, String root, String found) {
        if (found.equals(root)) {
            return typed;
        }
        String rest = root.equals("/") ? found.substring(1) : found.substring(root.length() + 1);
        return typed.endsWith("/") ? typed + rest : typed + "/" + rest;
    }

    /** Like {@link #respell}, but paths under an operand left out are relative to it ({@code grep -r x}). */
    static String relative(String root, String found) {
        if (found.equals(root)) {
            return ".";
        }
        return root.equals("/") ? found.substring(1) : found.substring(root.length() + 1);
    }
}
