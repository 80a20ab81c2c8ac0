/** The `siphash` package (test reference only): SipHash-2-4 over a key of four uint32. */
declare module 'siphash' {
  const SipHash: { hash(key: number[], message: Uint8Array | string): { h: number; l: number } };
  export default SipHash;
}
