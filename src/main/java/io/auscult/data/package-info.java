/**
 * Datasets: scanning a folder or a CSV list into labelled {@link io.auscult.data.Recording}s
 * ({@link io.auscult.data.DatasetScanner}), and summarising the result
 * ({@link io.auscult.data.DatasetSummary}).
 *
 * <p>Layouts recognised, file by file, as they are downloaded:
 * <ul>
 * <li>DCASE 2020 Task 2: {@code <machine>/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav};
 *     evaluation test files {@code id_XX_NNNNNNNN.wav} have an unknown condition.</li>
 * <li>DCASE 2021–2024 Task 2: {@code <machine>/{train,test,source_test,target_test}/
 *     section_XX_<source|target>_<train|test>_<normal|anomaly>_NNNN[_<attributes>].wav};
 *     evaluation test files leave out what they hide ({@code section_03_source_test_0000},
 *     {@code section_03_test_0000}, {@code section_00_0000}), which is then unknown.</li>
 * <li>MIMII: {@code <snr>_<machine>/<machine>/id_XX/{normal,abnormal}/NNNNNNNN.wav}.</li>
 * <li>Anything else: unknown labels (a plain folder of WAVs).</li>
 * <li>A CSV list {@code path,condition[,machine,section]} states labels explicitly.</li>
 * </ul>
 *
 * <p>Labels are read, never guessed: a field no pattern states is unknown. A folder whose files
 * follow several layouts is reported as {@link io.auscult.data.DatasetLayout#MIXED}, each file
 * keeping the labels of its own pattern.
 */
package io.auscult.data;
