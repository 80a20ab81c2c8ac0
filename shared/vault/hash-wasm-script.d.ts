/** hash-wasm's argon2 script as text (Vite's `?raw`), which carries its Argon2 module (decision 070): for the shared tests that read it. */
declare module 'hash-wasm/dist/argon2.umd.min.js?raw' {
  const script: string;
  export default script;
}
