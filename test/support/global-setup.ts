/** Runs once before the tests; the moto and Chromium helpers print their own notices. */
export default function setup(): void {}
