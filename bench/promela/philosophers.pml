/* Roscoe's dining philosophers with the butler: the same state space as the CSPm
   (PHILS [| {|picks, putsdown|} |] FORKS) [| {|sits, getsup|} |] BUTLER(0).
   Shared events are rendezvous on one channel per (philosopher, fork) pair;
   a philosopher's own events are single local steps; the butler's count is one
   byte changed in one d_step, so every CSP event is exactly one SPIN transition.
   SPIN stores ours + 1 states (its init process).
   Compile: spin -o3 -DN=7 -a philosophers.pml */
#ifndef N
#define N 5
#endif

chan pickL[N] = [0] of { bit };   /* picks.i.i     */
chan pickR[N] = [0] of { bit };   /* picks.i.(i+1) */
chan putL[N] = [0] of { bit };    /* putsdown.i.i  */
chan putR[N] = [0] of { bit };    /* putsdown.i.(i+1) */
byte seated = 0;

proctype phil(byte i) {
  do
  :: skip;                                         /* thinks.i */
     d_step { seated < N - 1 -> seated++ };        /* sits.i (butler admits) */
     pickL[i]!0;
     pickR[i]!0;
     skip;                                         /* eats.i */
     putR[i]!0;
     putL[i]!0;
     d_step { seated-- }                           /* getsup.i */
  od
}

proctype fork(byte j) {
  do
  :: pickL[j]?0; putL[j]?0
  :: pickR[(j + N - 1) % N]?0; putR[(j + N - 1) % N]?0
  od
}

init {
  atomic {
    byte k = 0;
    do
    :: k < N -> run phil(k); run fork(k); k++
    :: else -> break
    od;
    k = 0
  }
}
