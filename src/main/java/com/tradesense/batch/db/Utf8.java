package com.tradesense.batch.db;

/**
 * UTF-8 encoding of one code point straight into a byte buffer, for the bulk loaders, which write their rows without
 * going through an encoding writer. A lone surrogate, which has no UTF-8 form, becomes {@code ?}, as an encoding
 * writer would make it.
 */
final class Utf8 {

    /** The most bytes one code point takes. */
    static final int MAX_BYTES = 4;

    private Utf8() {
    }

    /** Writes the code point's bytes at {@code at}; returns the position after them. */
    static int put(int codePoint, byte[] buffer, int at) {
        int i = at;
        if (codePoint < 0x80) {
            buffer[i++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            buffer[i++] = (byte) (0xC0 | codePoint >> 6);
            buffer[i++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
            buffer[i++] = (byte) '?';
        } else if (codePoint < 0x10000) {
            buffer[i++] = (byte) (0xE0 | codePoint >> 12);
            buffer[i++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            buffer[i++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            buffer[i++] = (byte) (0xF0 | codePoint >> 18);
            buffer[i++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            buffer[i++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            buffer[i++] = (byte) (0x80 | codePoint & 0x3F);
        }
        return i;
    }

    /** How many bytes {@link #put} writes for the text. */
    static int length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2
                    : codePoint <= 0xFFFF && Character.isSurrogate((char) codePoint) ? 1 : codePoint < 0x10000 ? 3 : 4;
        }
        return length;
    }
}
