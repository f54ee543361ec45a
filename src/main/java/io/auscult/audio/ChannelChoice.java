package io.auscult.audio;

/**
 * Which channel of a multichannel recording to analyse: the mean of all channels (the
 * default, as librosa's {@code mono=True} and the DCASE baselines do) or one channel by
 * 0-based index (MIMII microphones, for instance).
 */
public sealed interface ChannelChoice {

    ChannelChoice MEAN = new Mean();

    static ChannelChoice single(int index) {
        return new Single(index);
    }

    /** Parses "mean" or a 0-based channel index such as "2". */
    static ChannelChoice parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("mean") || t.equalsIgnoreCase("mix")) {
            return MEAN;
        }
        try {
            return single(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "channel must be 'mean' or a 0-based channel index, not '" + text + "'");
        }
    }

    /** The arithmetic mean of every channel. */
    record Mean() implements ChannelChoice {
        @Override
        public String toString() {
            return "mean";
        }
    }

    /** One channel, 0-based. */
    record Single(int index) implements ChannelChoice {
        public Single {
            if (index < 0) {
                throw new IllegalArgumentException("channel index must be >= 0, was " + index);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }
}
