/**
 * js-csp's workloads, in its own idiom (generator go-blocks; `yield put/take/alts`).
 * Same shape and the same checks as ./workloads.ts.
 */
import * as cspModule from 'js-csp';
import { Seen, type RunCheck, type WorkloadId, type WorkloadSize } from './workloads';

// js-csp is CommonJS: under ESM its exports arrive on `default`.
const csp = ((cspModule as { default?: typeof cspModule }).default ?? cspModule) as typeof cspModule;
type Instruction = cspModule.Instruction;
type CspChannel = cspModule.CspChannel;
type Gen = Generator<Instruction, unknown, unknown>;

function done(ch: CspChannel): Promise<void> {
  return new Promise((resolve) => csp.takeAsync(ch, () => resolve()));
}

async function all(gens: (() => Gen)[]): Promise<void> {
  await Promise.all(gens.map((g) => done(csp.go(g))));
}

export async function runJsCsp(id: WorkloadId, s: WorkloadSize): Promise<RunCheck> {
  switch (id) {
    case 'ping-pong': {
      const a = csp.chan();
      const b = csp.chan();
      const n = s.pingPong;
      let bad = 0;
      await all([
        function* () {
          for (let i = 0; i < n; i++) {
            yield csp.put(a, i);
            if ((yield csp.take(b)) !== i) bad++;
          }
        },
        function* () {
          for (let i = 0; i < n; i++) yield csp.put(b, yield csp.take(a));
        },
      ]);
      return { messages: 2 * n, ...(bad > 0 ? { error: `${bad} echoes came back wrong` } : {}) };
    }
    case 'pipeline': {
      const chans = Array.from({ length: s.pipelineStages + 1 }, () => csp.chan());
      const n = s.pipelineMessages;
      let bad = 0;
      const gens: (() => Gen)[] = [
        function* () {
          for (let i = 0; i < n; i++) yield csp.put(chans[0]!, i);
        },
      ];
      for (let k = 0; k < s.pipelineStages; k++) {
        const from = chans[k]!;
        const to = chans[k + 1]!;
        gens.push(function* () {
          for (let i = 0; i < n; i++) yield csp.put(to, yield csp.take(from));
        });
      }
      gens.push(function* () {
        for (let i = 0; i < n; i++) if ((yield csp.take(chans[s.pipelineStages]!)) !== i) bad++;
      });
      await all(gens);
      return {
        messages: n * (s.pipelineStages + 1),
        ...(bad > 0 ? { error: `${bad} values out of order or wrong` } : {}),
      };
    }
    case 'fan-in': {
      const c = csp.chan();
      const per = s.fanInPerProducer;
      const total = s.fanInProducers * per;
      const seen = new Seen(total);
      const gens: (() => Gen)[] = [];
      for (let p = 0; p < s.fanInProducers; p++) {
        gens.push(function* () {
          for (let i = 0; i < per; i++) yield csp.put(c, p * per + i);
        });
      }
      gens.push(function* () {
        for (let i = 0; i < total; i++) seen.add((yield csp.take(c)) as number);
      });
      await all(gens);
      const error = seen.finish();
      return { messages: total, ...(error !== undefined ? { error } : {}) };
    }
    case 'alt': {
      const chans = Array.from({ length: s.altChannels }, () => csp.chan());
      const per = s.altPerChannel;
      const total = s.altChannels * per;
      const seen = new Seen(total);
      let wrong = 0;
      const gens: (() => Gen)[] = chans.map(
        (c, k) =>
          function* () {
            for (let i = 0; i < per; i++) yield csp.put(c, k * per + i);
          },
      );
      gens.push(function* () {
        for (let i = 0; i < total; i++) {
          const r = (yield csp.alts(chans)) as { value: number; channel: CspChannel };
          if (chans.indexOf(r.channel) !== Math.floor(r.value / per)) wrong++;
          seen.add(r.value);
        }
      });
      await all(gens);
      const error = seen.finish() ?? (wrong > 0 ? `${wrong} values reported on the wrong channel` : undefined);
      return { messages: total, ...(error !== undefined ? { error } : {}) };
    }
    case 'buffered': {
      const c = csp.chan(s.bufferCapacity);
      const n = s.bufferedMessages;
      let bad = 0;
      await all([
        function* () {
          for (let i = 0; i < n; i++) yield csp.put(c, i);
        },
        function* () {
          for (let i = 0; i < n; i++) if ((yield csp.take(c)) !== i) bad++;
        },
      ]);
      return { messages: n, ...(bad > 0 ? { error: `${bad} values out of order or wrong` } : {}) };
    }
  }
}

export async function jsCspSelectProbe(channels: number, perChannel: number): Promise<string | undefined> {
  const chans = Array.from({ length: channels }, () => csp.chan());
  const total = channels * perChannel;
  const seen = new Seen(total);
  let received = 0;
  let finish: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => {
    finish = resolve;
  });
  chans.forEach((c, k) =>
    csp.go(function* () {
      for (let i = 0; i < perChannel; i++) yield csp.put(c, k * perChannel + i);
    }),
  );
  for (let consumer = 0; consumer < 2; consumer++) {
    csp.go(function* () {
      while (received < total) {
        const r = (yield csp.alts(chans)) as { value: number };
        seen.add(r.value);
        if (++received >= total) finish();
      }
    });
  }
  await allIn;
  return seen.finish();
}
