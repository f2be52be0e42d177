package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsNameSyntaxTest {

    private static String problemOf(String name) {
        Optional<String> problem = DnsNameSyntax.problem(name);
        assertTrue(problem.isPresent(), () -> "expected a problem with \"" + name + "\"");
        String reason = problem.get();
        assertFalse(reason.contains("\n") || reason.contains("\r"), "reason must be one line: " + reason);
        return reason;
    }

    private static String label(int length) {
        return "a".repeat(length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com", "a.b", "api.example.com", "a-b.example.com", "a--b.example.com", "0.example.com",
        "123.example.com", "xn--bcher-kva.example", "foo.xn--p1ai", "*.example.com", "*.a.b.example.com",
        "host.test", "my.localhost", "a1.b2.c3", "example.com1"
    })
    void acceptsValidNames(String name) {
        assertEquals(Optional.empty(), DnsNameSyntax.problem(name));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> DnsNameSyntax.problem(null));
    }

    @Test
    void rejectsEmptyName() {
        assertEquals("the name is empty", problemOf(""));
    }

    @Test
    void acceptsNameOfExactly253Characters() {
        // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
        String name = label(63) + "." + label(63) + "." + label(63) + "." + label(61);
        assertEquals(253, name.length());
        assertEquals(Optional.empty(), DnsNameSyntax.problem(name));
    }

    @Test
    void rejectsNameLongerThan253Characters() {
        String name = label(63) + "." + label(63) + "." + label(63) + "." + label(62);
        assertEquals(254, name.length());
        assertTrue(problemOf(name).contains("253"));
    }

    @Test
    void acceptsLabelOf63Characters() {
        assertEquals(Optional.empty(), DnsNameSyntax.problem(label(63) + ".com"));
    }

    @Test
    void rejectsLabelLongerThan63Characters() {
        assertTrue(problemOf(label(64) + ".com").contains("at most 63"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..example.com", ".example.com", "example..com"})
    void rejectsEmptyLabels(String name) {
        assertTrue(problemOf(name).contains("empty label"));
    }

    @Test
    void rejectsTrailingDot() {
        assertTrue(problemOf("example.com.").contains("trailing dot"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_b.example.com", "a b.example.com", "a!.example.com", "a/b.com", "_acme-challenge.x.com"})
    void rejectsNonLdhCharacters(String name) {
        assertTrue(problemOf(name).contains("only a-z, 0-9 and \"-\""));
    }

    @Test
    void namesTheOffendingCharacter() {
        assertTrue(problemOf("a_b.example.com").contains("\"_\""));
    }

    @Test
    void pointsUnicodeNamesToALabels() {
        String reason = problemOf("bücher.example");
        assertTrue(reason.contains("xn--"), reason);
        assertTrue(reason.contains("U+00FC"), reason);
    }

    @Test
    void keepsControlCharactersOutOfTheReason() {
        String reason = problemOf("a\nb.example.com");
        assertTrue(reason.contains("U+000A"), reason);
    }

    @Test
    void rejectsUpperCase() {
        assertTrue(problemOf("Example.com").contains("lower case"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a.example.com", "a-.example.com", "example.-com", "example.com-"})
    void rejectsLeadingOrTrailingHyphen(String name) {
        assertTrue(problemOf(name).contains("hyphen"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "localhost", "a"})
    void rejectsSingleLabel(String name) {
        assertTrue(problemOf(name).contains("at least two labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.com", "*.test"})
    void rejectsWildcardWithFewerThanTwoLabelsAfterIt(String name) {
        assertTrue(problemOf(name).contains("wildcard needs at least two labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.*.example.com", "*.*.example.com", "**.example.com", "*a.example.com",
        "a*.example.com", "example.*"})
    void rejectsWildcardAnywhereButTheWholeLeftmostLabel(String name) {
        assertTrue(problemOf(name).contains("only as the whole leftmost label"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "10.0.0.1", "999.1.1.1"})
    void rejectsIpv4Literals(String name) {
        assertTrue(problemOf(name).contains("IP address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "2001:db8::1", "[2001:db8::1]", "example.com:443"})
    void rejectsAnythingWithAColon(String name) {
        assertTrue(problemOf(name).contains("IP address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.123", "1.2.3", "a.b.c.d.1", "1.2.3.4.5"})
    void rejectsAllNumericTopLevelLabel(String name) {
        assertTrue(problemOf(name).contains("all digits"));
    }
}
