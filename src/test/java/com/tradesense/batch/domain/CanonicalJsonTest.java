package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsObjectMembersByUtf16CodeUnitsAsRfc8785Does() {
        // given the member names of RFC 8785 §3.2.3, in a scrambled order
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");

        // when
        String json = CanonicalJson.write(map);

        // then the surrogate pair of the emoji (0xD83D) sorts before U+FB33, unlike in code point order
        assertThat(json).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharacters() {
        assertThat(CanonicalJson.write("a\"b\\c/d\u00e9\u2028"))
                .isEqualTo("\"a\\\"b\\\\c/d\u00e9\u2028\"");
        assertThat(CanonicalJson.write("\b\f\n\r\t\u0000\u000f\u001f"))
                .isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u000f\\u001f\"");
        assertThat(CanonicalJson.write("\u007f")).isEqualTo("\"\u007f\"");
    }

    @Test
    void writesAmountsAsPlainDecimalStrings() {
        assertThat(CanonicalJson.write(new BigDecimal("1234.50"))).isEqualTo("\"1234.50\"");
        assertThat(CanonicalJson.write(new BigDecimal("1E+3"))).isEqualTo("\"1000\"");
        assertThat(CanonicalJson.write(new BigDecimal("-0.0001"))).isEqualTo("\"-0.0001\"");
        assertThat(CanonicalJson.write(new BigDecimal("1E-10"))).isEqualTo("\"0.0000000001\"");
    }

    @Test
    void writesInstantsInUtcWithMilliseconds() {
        assertThat(CanonicalJson.write(Instant.parse("2026-11-25T13:45:10Z")))
                .isEqualTo("\"2026-11-25T13:45:10.000Z\"");
        assertThat(CanonicalJson.write(Instant.parse("2026-11-25T13:45:10.123456789Z")))
                .isEqualTo("\"2026-11-25T13:45:10.123Z\"");
    }

    @Test
    void writesScalarsOfEveryOtherKind() {
        // given
        Map<String, Object> map = new HashMap<>();
        map.put("date", LocalDate.of(2026, 3, 2));
        map.put("business_date", BusinessDate.parse("2026-03-03"));
        map.put("id", UUID.fromString("3F1C0D2E-0000-4000-8000-000000000001"));
        map.put("status", ChallengeStatus.FAILED);
        map.put("count", 3);
        map.put("big", new BigInteger("12345678901234567890"));
        map.put("long", -7L);
        map.put("yes", true);
        map.put("none", null);
        map.put("list", List.of(1, "two", List.of()));
        map.put("array", new Object[] {Map.of(), false});
        map.put("nested", Map.of("b", 1, "a", Arrays.asList(null, "x")));

        // when
        String json = CanonicalJson.write(map);

        // then
        assertThat(json).isEqualTo("{\"array\":[{},false],\"big\":12345678901234567890,"
                + "\"business_date\":\"2026-03-03\",\"count\":3,\"date\":\"2026-03-02\","
                + "\"id\":\"3f1c0d2e-0000-4000-8000-000000000001\",\"list\":[1,\"two\",[]],\"long\":-7,"
                + "\"nested\":{\"a\":[null,\"x\"],\"b\":1},\"none\":null,\"status\":\"FAILED\",\"yes\":true}");
    }

    @Test
    void refusesBinaryFloatingPoint() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("amount", 0.1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLoneSurrogatesAndNonStringKeys() {
        assertThatThrownBy(() -> CanonicalJson.write("a\ud83d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write("\ude00b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
