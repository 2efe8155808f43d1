import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // scrypt at OWASP's cost takes ~0.5 s per hash: fixtures that create several users need the room.
    hookTimeout: 60_000,
  },
});
