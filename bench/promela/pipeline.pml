/* A pipeline of N one-place buffers over bits: the same state space as the CSPm
   (|| i:{0..N-1} @ [{|c.i, c.i+1|}] COPY(i)) \ {|c.1, ..., c.N-1|}
   with COPY(i) = c.i?x -> c.i+1!x -> COPY(i). Each buffer branches on the bit it
   receives, so its state is its program counter alone (3 states, like the CSP
   leaf). The environment offers c.0 and accepts c.N in one state each.
   SPIN stores ours + 1 states (its init process).
   Compile: spin -o3 -DN=13 -a pipeline.pml */
#ifndef N
#define N 5
#endif

chan c[N + 1] = [0] of { bit };

proctype copy(byte i) {
  do
  :: c[i]?0 -> c[i + 1]!0
  :: c[i]?1 -> c[i + 1]!1
  od
}

proctype source() {
  do
  :: c[0]!0
  :: c[0]!1
  od
}

proctype sink() {
  do
  :: c[N]?_
  od
}

init {
  atomic {
    byte k = 0;
    do
    :: k < N -> run copy(k); k++
    :: else -> break
    od;
    run source();
    run sink();
    k = 0
  }
}
