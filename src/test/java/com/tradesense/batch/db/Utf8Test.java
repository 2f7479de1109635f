package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] encoded(String text) {
        byte[] buffer = new byte[text.length() * Utf8.MAX_BYTES];
        int end = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            end = Utf8.put(codePoint, buffer, end);
        }
        return Arrays.copyOf(buffer, end);
    }

    @Test
    void encodesLikeTheJdkIncludingLoneSurrogatesAsQuestionMarks() {
        // given: one to four byte characters, and surrogates without their partner
        String[] texts = {"", "plain", "é ü ß", "€ 中文", "emoji 😀 and 🎉", "lone \uD83D here", "end \uDE00", "\uDE00\uD83D"};
        Random random = new Random(20261126);
        String[] randomTexts = new String[200];
        for (int t = 0; t < randomTexts.length; t++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            randomTexts[t] = new String(chars);
        }

        // when / then: String.getBytes replaces an unpaired surrogate with '?' too
        for (String[] set : new String[][] {texts, randomTexts}) {
            for (String text : set) {
                byte[] expected = text.getBytes(StandardCharsets.UTF_8);
                assertThat(encoded(text)).as(text).isEqualTo(expected);
                assertThat(Utf8.length(text)).as(text).isEqualTo(expected.length);
            }
        }
    }
}
