/** The open workflow document (see README.md): typed changes, pure reducers, the store with undo. */
export { useDocument } from './store';
export type { DocumentRef, DocumentState, Refusal } from './store';
export { describeChange } from './changes';
export type { DocChange, DocChangeBody, ChangeMeta, Fragment, ReduceResult } from './changes';
export { reduce } from './reduce';
export { connectionProblem } from './reduce-edges';
export { EMPTY_SELECTION } from './selection';
export type { Selection } from './selection';
export { HISTORY_LIMIT } from './history';
