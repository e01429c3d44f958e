package io.github.conv4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the header of a {@code .npy} file, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * <p>NumPy evaluates this text with {@code ast.literal_eval}; we accept only the tiny subset of Python literals a
 * valid header can contain: a flat dict whose keys are strings and whose values are strings, {@code True},
 * {@code False}, integers and tuples of integers. Anything else, including every name and call such as
 * {@code __import__('os')}, is a syntax error here, so there is nothing to evaluate and nothing to exploit. Duplicate
 * keys, which Python would silently resolve to the last one, are rejected.
 */
final class NpyHeaderParser {
    private static final int SNIPPET_LENGTH = 120;

    private final String source;
    private final String text;
    private final boolean allowLongSuffix;
    private int pos;

    private NpyHeaderParser(String source, String text, boolean allowLongSuffix) {
        this.source = source;
        this.text = text;
        this.allowLongSuffix = allowLongSuffix;
    }

    /**
     * Parses a header dict.
     *
     * @param source the file, for error messages
     * @param text the decoded header text
     * @param allowLongSuffix whether integers may end in {@code L}, as Python 2 wrote them into format 1.0 and 2.0
     *     headers (NumPy accepts those files, so we do too)
     * @return the entries in order: values are {@link String}, {@link Boolean}, {@link Long} or {@code long[]} (a
     *     tuple)
     * @throws NpyFormatException if the text is not such a dict
     */
    static Map<String, Object> parse(String source, String text, boolean allowLongSuffix) {
        return new NpyHeaderParser(source, text, allowLongSuffix).dict();
    }

    private Map<String, Object> dict() {
        skipSpace();
        expect('{', "the header must be a dict starting with '{'");
        Map<String, Object> entries = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            if (peek() != '\'' && peek() != '"') {
                throw error("expected a quoted key");
            }
            int keyPos = pos;
            String key = string();
            skipSpace();
            expect(':', "expected ':' after the key");
            skipSpace();
            Object value = value();
            if (entries.put(key, value) != null) {
                pos = keyPos;
                throw error("duplicate key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected text after the closing '}'");
        }
        return entries;
    }

    private Object value() {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (c == '-' || isDigit(c)) {
            return integer();
        }
        if (c == '[') {
            throw error("lists are not supported (a list as 'descr' describes a structured dtype, which is not"
                    + " supported)");
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (word.equals("True")) {
                return Boolean.TRUE;
            }
            if (word.equals("False")) {
                return Boolean.FALSE;
            }
            pos = start;
            throw error("the name '" + word + "' is not a literal (only strings, True, False, integers and tuples"
                    + " of integers are allowed)");
        }
        throw error("expected a value");
    }

    private String string() {
        char quote = text.charAt(pos++);
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos);
            if (c == '\\') {
                throw error("escape sequences in strings are not supported");
            }
            if (c == '\n' || c == '\r') {
                throw error("unterminated string");
            }
            pos++;
        }
        if (pos >= text.length()) {
            pos = start - 1;
            throw error("unterminated string");
        }
        return text.substring(start, pos++);
    }

    private long[] tuple() {
        int start = pos;
        pos++;
        skipSpace();
        List<Long> items = new ArrayList<>();
        boolean sawComma = false;
        while (peek() != ')') {
            if (peek() != '-' && !isDigit(peek())) {
                throw error("expected an integer in the tuple");
            }
            items.add(integer());
            skipSpace();
            if (peek() == ',') {
                sawComma = true;
                pos++;
                skipSpace();
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in the tuple");
            } else {
                sawComma = false;
            }
        }
        if (items.size() == 1 && !sawComma) {
            // Python reads (3) as the integer 3; a one-element tuple is written (3,).
            pos = start;
            throw error(
                    "(" + items.get(0) + ") is a parenthesised integer, not a tuple; write (" + items.get(0) + ",)");
        }
        pos++;
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i);
        }
        return out;
    }

    private long integer() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
            skipSpace();
        }
        int digitsStart = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(digitsStart, pos);
        if (digits.isEmpty()) {
            throw error("expected digits");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            pos = start;
            throw error("integers with leading zeros are not valid Python literals");
        }
        if (allowLongSuffix && peek() == 'L') {
            pos++;
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw error("malformed integer");
        }
        try {
            long magnitude = Long.parseLong(digits);
            return negative ? -magnitude : magnitude;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("the integer " + (negative ? "-" : "") + digits + " does not fit in 64 bits");
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("the header ends unexpectedly");
        }
        return text.charAt(pos);
    }

    private void expect(char c, String message) {
        if (peek() != c) {
            throw error(message);
        }
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private NpyFormatException error(String what) {
        return new NpyFormatException(
                source, "header is not a valid dict literal: " + what + " at offset " + pos + " in " + snippet(text));
    }

    /**
     * Quotes the header for an error message, trimming NumPy's padding and escaping control characters.
     *
     * @param text the header text
     * @return the quoted text, cut to a readable length
     */
    static String snippet(String text) {
        String trimmed = text.strip();
        boolean cut = trimmed.length() > SNIPPET_LENGTH;
        if (cut) {
            trimmed = trimmed.substring(0, SNIPPET_LENGTH);
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(cut ? "...\"" : "\"").toString();
    }
}
