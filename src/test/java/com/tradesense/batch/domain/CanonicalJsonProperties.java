package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalJsonProperties {

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        Arbitrary<String> keys = Arbitraries.strings().all().ofMaxLength(6)
                .filter(CanonicalJsonProperties::isWellFormed);
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.bigDecimals().ofScale(2).map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(8).filter(CanonicalJsonProperties::isWellFormed)
                        .map(s -> (Object) s),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b));
        Arbitrary<Object> nested = Arbitraries.maps(keys, scalars).ofMaxSize(4).map(m -> (Object) m);
        return Arbitraries.maps(keys, Arbitraries.oneOf(scalars, nested)).ofMaxSize(12);
    }

    @Property
    void outputDoesNotDependOnTheOrderAMapWasFilledIn(@ForAll("maps") Map<String, Object> map,
                                                      @ForAll long seed) {
        // given the same entries inserted in two different orders, nested maps included
        Map<String, Object> shuffled = shuffledCopy(map, new Random(seed));

        // when / then
        assertThat(CanonicalJson.write(shuffled)).isEqualTo(CanonicalJson.write(map));
    }

    @Property
    void writesObjectMembersInAscendingKeyOrder(@ForAll("maps") Map<String, Object> map) {
        // given
        String json = CanonicalJson.write(map);
        List<String> sortedKeys = new ArrayList<>(map.keySet());
        Collections.sort(sortedKeys);

        // then the top-level keys appear in sorted order (each key written as its canonical string)
        int position = 0;
        for (String key : sortedKeys) {
            int found = json.indexOf(CanonicalJson.write(key) + ":", position);
            assertThat(found).isGreaterThanOrEqualTo(position);
            position = found + 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shuffledCopy(Map<String, Object> map, Random random) {
        List<String> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, random);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = map.get(key);
            copy.put(key, value instanceof Map<?, ?> inner ? shuffledCopy((Map<String, Object>) inner, random) : value);
        }
        return copy;
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property
    void amountsKeepTheirExactValueInPlainNotation(@ForAll BigDecimal amount) {
        String json = CanonicalJson.write(amount);

        assertThat(json).doesNotContain("E").startsWith("\"").endsWith("\"");
        assertThat(new BigDecimal(json.substring(1, json.length() - 1))).isEqualByComparingTo(amount);
    }
}
