/**
 * Where the command line writes: standard output and error, or a test's buffers. Its own module so
 * the commands' files and main.ts all import it without importing each other.
 */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
