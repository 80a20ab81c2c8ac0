import type { ja } from './ja';

/** The shape of ja.ts with every leaf a string: en.ts must have exactly these keys. */
type Widen<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : { readonly [K in keyof T]: Widen<T[K]> };

export type Dictionary = Widen<typeof ja>;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : T[K] extends readonly string[] ? never : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every translatable key, e.g. "unlock.title". */
export type MessageKey = Leaves<typeof ja>;
