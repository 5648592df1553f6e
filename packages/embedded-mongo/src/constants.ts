/** The data directory value that keeps everything in memory (tests, trials): nothing is written to disk. */
export const IN_MEMORY = ':memory:';
