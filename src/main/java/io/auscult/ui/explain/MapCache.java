package io.auscult.ui.explain;

import io.auscult.explain.AttributionMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attribution maps already computed, so that switching back to a method (or a clip) is instant.
 * Least recently used maps go first once {@code capacity} is reached: a 10-s map is ~160 kB, so
 * the default keeps a session's worth without growing without bound. Used on the UI thread only.
 */
final class MapCache {

    static final int DEFAULT_CAPACITY = 64;

    private final int capacity;
    private final LinkedHashMap<MapKey, AttributionMap> maps;

    MapCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, not " + capacity);
        }
        this.capacity = capacity;
        this.maps = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MapKey, AttributionMap> eldest) {
                return size() > MapCache.this.capacity;
            }
        };
    }

    Optional<AttributionMap> get(MapKey key) {
        return Optional.ofNullable(maps.get(key));
    }

    void put(MapKey key, AttributionMap map) {
        maps.put(key, map);
    }

    /** Every cached map of one model and clip (for a scale shared across methods), oldest use first. */
    List<AttributionMap> ofClip(MapKey like) {
        List<AttributionMap> out = new ArrayList<>();
        for (Map.Entry<MapKey, AttributionMap> e : maps.entrySet()) {
            if (e.getKey().model() == like.model() && e.getKey().clip().equals(like.clip())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    int size() {
        return maps.size();
    }
}
