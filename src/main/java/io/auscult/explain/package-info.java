/**
 * Attribution methods: where a recording is abnormal, as maps of the model input's shape.
 * The contract is {@link io.auscult.explain.Attribution}; one small class per method.
 */
package io.auscult.explain;
