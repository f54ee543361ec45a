package io.auscult.data;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attribute tail of a DCASE 2021–2024 file name, after the clip number.
 *
 * <p>From 2022 on the tail is a list of key/value pairs joined by underscores
 * ({@code car_A1_spd_28V_mic_1}, {@code m-n_W}, {@code vel_6_loc_A}); values may hold dots and
 * minus signs ({@code volt_1.5}). 2024 writes {@code noAttribute} when a machine has none, and the
 * 2023 baseline's own documentation shows an empty tail ({@code ..._0000_.wav}).
 *
 * <p>2021 names carry free text instead ({@code strength_1_ambient}, {@code A1Spd28VMic1},
 * {@code 0_g_25_mm_2000_mV_none}). Such a tail is not split into made-up pairs: when the tokens
 * are not an even number, or a key does not start with a letter, or a token is empty, the whole
 * tail is kept under {@link Labels#RAW_ATTRIBUTES}. A 2021 tail that happens to look like pairs
 * ({@code pattern_00_no_pump}) is read as pairs: the name alone cannot tell them apart.
 */
final class DcaseAttributes {

    private DcaseAttributes() {
    }

    static Map<String, String> parse(String tail) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tail == null || tail.isEmpty() || isNoAttributeWord(tail)) {
            return out;
        }
        String[] tokens = tail.split("_", -1);
        if (looksLikePairs(tokens)) {
            for (int i = 0; i < tokens.length; i += 2) {
                out.put(tokens[i], tokens[i + 1]);
            }
        } else {
            out.put(Labels.RAW_ATTRIBUTES, tail);
        }
        return out;
    }

    private static boolean isNoAttributeWord(String tail) {
        String t = tail.toLowerCase(Locale.ROOT);
        return t.equals("noattribute") || t.equals("noattributes");
    }

    private static boolean looksLikePairs(String[] tokens) {
        if (tokens.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < tokens.length; i += 2) {
            String key = tokens[i];
            if (key.isEmpty() || !Character.isLetter(key.charAt(0)) || tokens[i + 1].isEmpty()) {
                return false;
            }
        }
        // A repeated key would lose a value in the map: then the tail is not a list of pairs.
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tokens.length; i += 2) {
            if (!keys.add(tokens[i])) {
                return false;
            }
        }
        return true;
    }
}
