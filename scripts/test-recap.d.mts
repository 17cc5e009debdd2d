/** The types of test-recap.mjs (plain JavaScript run by Node), so its TypeScript test type-checks. */
export function recapLines(chunks: readonly (Buffer | string)[]): string[];
