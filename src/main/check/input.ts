/**
 * What checks read comes from the one source reader (src/main/source): a
 * script, or a workflow compiled with its source map and assumptions. The
 * check threads only need its include reader, re-exported here.
 */
export { includeReader } from '../source/reader';
