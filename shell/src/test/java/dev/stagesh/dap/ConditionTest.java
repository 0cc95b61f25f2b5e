package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final Map<String, String> VARS = Map.of("VERSION", "1.2", "DEBUG", "", "PORT", "8080",
            "NAME", "say \"hi\"");

    private static boolean test(String condition) {
        return Condition.parse(condition).test(VARS);
    }

    @Test
    void comparesValuesAsText() {
        assertThat(test("VERSION == \"1.2\"")).isTrue();
        assertThat(test("VERSION == '1.3'")).isFalse();
        assertThat(test("VERSION != 1.3")).isTrue();
        assertThat(test("$VERSION == ${VERSION}")).isTrue();
        assertThat(test("NAME == \"say \\\"hi\\\"\"")).isTrue();
    }

    @Test
    void aNameAloneTestsThatItIsSetToSomething() {
        assertThat(test("VERSION")).isTrue();
        assertThat(test("DEBUG")).isFalse();
        assertThat(test("UNSET")).isFalse();
        assertThat(test("!UNSET")).isTrue();
        assertThat(test("UNSET == \"\"")).isTrue();
    }

    @Test
    void ordersNumbersAsNumbersAndTextAsText() {
        assertThat(test("PORT > 999")).isTrue(); // as text "8080" < "999"
        assertThat(test("PORT <= 8080")).isTrue();
        assertThat(test("PORT >= 8081")).isFalse();
        assertThat(test("VERSION < \"abc\"")).isTrue();
    }

    @Test
    void matchesRegularExpressions() {
        assertThat(test("VERSION =~ \"^1\\\\.\"")).isTrue();
        assertThat(test("VERSION !~ '^2'")).isTrue();
        assertThat(test("PORT =~ '^80$'")).isFalse();
    }

    @Test
    void combinesWithPrecedenceAndParentheses() {
        assertThat(test("VERSION == 1.2 || DEBUG && UNSET")).isTrue(); // && binds tighter
        assertThat(test("(VERSION == 1.2 || DEBUG) && UNSET")).isFalse();
        assertThat(test("!(PORT == 8080) || VERSION == 1.2")).isTrue();
    }

    @Test
    void aBlankConditionAlwaysHolds() {
        assertThat(test("")).isTrue();
        assertThat(test(null)).isTrue();
    }

    @Test
    void badConditionsSayWhereAndWhat() {
        assertThatThrownBy(() -> Condition.parse("VERSION =="))
                .isInstanceOf(ConditionException.class).hasMessageContaining("column 11").hasMessageContaining("missing");
        assertThatThrownBy(() -> Condition.parse("(VERSION == 1"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("')' is missing");
        assertThatThrownBy(() -> Condition.parse("VERSION == \"1.2"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("column 12").hasMessageContaining("not closed");
        assertThatThrownBy(() -> Condition.parse("A == 1 B"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("column 8");
        assertThatThrownBy(() -> Condition.parse("A =~ B"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("quoted regular expression");
        assertThatThrownBy(() -> Condition.parse("A =~ '('"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("bad regular expression");
        assertThatThrownBy(() -> Condition.parse("== 1"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("column 1");
    }
}
