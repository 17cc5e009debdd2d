/**
 * The fixed CSPm script generator for the parse benchmark: `generateScript(lines)`
 * returns exactly `lines` lines (a multiple of BLOCK_LINES) built from identical
 * 20-line blocks mixing datatypes with fields, channels with dotted types,
 * nametypes, multi-clause functions with patterns, recursion across blocks,
 * parameterised processes, replicated operators and assertions. Deterministic:
 * no randomness, so every run measures the same text.
 */
export const BLOCK_LINES = 20;

function block(i: number): string[] {
  const prev = i > 0 ? `sumTo${i - 1}(2)` : '0';
  return [
    `-- block ${i}: a small node with typed messages`,
    `datatype Msg${i} = Req${i}.{0..3} | Ack${i} | Data${i}.Bool.{0..1}`,
    `channel in${i}, out${i} : Msg${i}`,
    `channel sig${i} : {0..3}.Bool`,
    `nametype Idx${i} = {0..3}`,
    `weight${i}(Req${i}.n) = n + ${i % 7}`,
    `weight${i}(Ack${i}) = 0`,
    `weight${i}(Data${i}.b.k) = if b then k else k + 1`,
    `sumTo${i}(0) = ${prev}`,
    `sumTo${i}(n) = n + sumTo${i}(n - 1)`,
    `total${i}(<>) = 0`,
    `total${i}(<m>^ms) = weight${i}(m) + total${i}(ms)`,
    `NODE${i}(k) = in${i}?m -> (if weight${i}(m) > k then out${i}!Ack${i} -> NODE${i}(k)`,
    `              else out${i}!m -> NODE${i}((k + 1) % 4))`,
    `          [] sig${i}?j!true -> NODE${i}(j)`,
    `PAIR${i} = NODE${i}(0) [| {| out${i} |} |] (out${i}?x -> STOP)`,
    `RING${i} = let S = {x | x <- Idx${i}, total${i}(<Req${i}.x>) >= 0} within ||| j : S @ NODE${i}(j)`,
    `assert (in${i}?m -> STOP) [T= PAIR${i} \\ {| sig${i} |}`,
    `assert RING${i} :[deadlock free [F]]`,
    `assert PAIR${i} :[divergence free]`,
  ];
}

export function generateScript(lines: number): string {
  const blocks = Math.max(1, Math.round(lines / BLOCK_LINES));
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) out.push(...block(i));
  return out.join('\n') + '\n';
}
