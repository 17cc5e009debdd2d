// Minimal typings for the two peers that ship none (only what the benchmark calls).
declare module 'medium' {
  export interface MediumChannel {
    readonly isClosed: boolean;
  }
  export const CLOSED: unique symbol;
  export function chan(bufferOrN?: number): MediumChannel;
  export function put(ch: MediumChannel, v: unknown): Promise<boolean>;
  export function take(ch: MediumChannel): Promise<unknown>;
  export function any(...ports: MediumChannel[]): Promise<[unknown, MediumChannel]>;
  export function close(ch: MediumChannel): MediumChannel;
}

declare module 'js-csp' {
  export interface CspChannel {
    readonly __brand: 'js-csp channel';
  }
  export type Instruction = { readonly __brand: 'js-csp instruction' };
  export const CLOSED: unique symbol;
  export function chan(bufferOrN?: number): CspChannel;
  export function put(ch: CspChannel, v: unknown): Instruction;
  export function take(ch: CspChannel): Instruction;
  export function alts(ops: readonly (CspChannel | [CspChannel, unknown])[]): Instruction;
  export function go(gen: () => Generator<Instruction, unknown, unknown>): CspChannel;
  export function takeAsync(ch: CspChannel, callback: (v: unknown) => void): void;
  export function close(ch: CspChannel): void;
}
