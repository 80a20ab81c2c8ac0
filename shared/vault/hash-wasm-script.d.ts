/** hash-wasm's argon2 script as text (Vite's `?raw`), which carries its Argon2 module: argon2id-fast.test.ts reads it. */
declare module 'hash-wasm/dist/argon2.umd.min.js?raw' {
  const script: string;
  export default script;
}
