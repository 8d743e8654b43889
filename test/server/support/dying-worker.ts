// A ballot check worker that stops at once: how the pool copes with workers that keep dying.
process.exit(1);
