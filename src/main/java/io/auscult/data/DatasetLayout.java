package io.auscult.data;

/** How a dataset names and places its files, and so where the labels come from. */
public enum DatasetLayout {
    /** DCASE 2020 Task 2: {@code <machine>/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav}. */
    DCASE2020,
    /**
     * DCASE 2021 to 2024 Task 2 (and MIMII DUE/DG, ToyADMOS2 as DCASE ships them):
     * {@code <machine>/<split folder>/section_XX_<domain>_<split>_<condition>_NNNN_<attributes>.wav}.
     */
    DCASE2021,
    /** MIMII: {@code <snr>_<machine>/<machine>/id_XX/{normal,abnormal}/NNNNNNNN.wav}. */
    MIMII,
    /** WAV files whose names follow no known dataset: nothing is known but the audio. */
    PLAIN,
    /** A CSV list {@code path,condition[,machine,section]} that states the labels. */
    CSV_LIST,
    /** A folder whose recordings follow more than one of the layouts above. */
    MIXED
}
