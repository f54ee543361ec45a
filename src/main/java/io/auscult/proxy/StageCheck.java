package io.auscult.proxy;

/**
 * One stage of the three-stage check for one task (DESIGN.md): (1) the proxy task is neither
 * saturated nor failed, (2) the proxy metric tracks an embedding property, (3) the embedding
 * property tracks detection.
 *
 * @param task    the task
 * @param stage   1, 2 or 3
 * @param verdict pass, fail or inconclusive
 * @param numbers the numbers behind the verdict, in words
 */
public record StageCheck(ProxyTaskKind task, int stage, Verdict verdict, String numbers) {

    /** A stage's outcome. */
    public enum Verdict {
        PASS, FAIL, INCONCLUSIVE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
